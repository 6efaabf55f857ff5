import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The folder of core's own package.json (`packages/core` in the workspace, or inside node_modules). */
export function corePackageDir(): string {
  let dir = here;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return here;
    dir = parent;
  }
  return dir;
}

/**
 * The handshake monorepo this core runs from, when it runs from one: the nearest folder above
 * core with a package.json that declares workspaces. Undefined for an installed copy.
 */
export function handshakeWorkspaceRoot(): string | undefined {
  let dir = dirname(corePackageDir());
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if (Array.isArray(JSON.parse(readFileSync(manifest, 'utf8')).workspaces)) return dir;
      } catch {
        // An unreadable package.json is not a workspace root; keep looking upwards.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
