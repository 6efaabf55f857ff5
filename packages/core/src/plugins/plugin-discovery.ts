import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PluginManifest } from '@handshake/sdk';

/** Where a plugin was found, in the order that wins when one name is found twice. */
export type PluginOrigin = 'path' | 'workspace' | 'installed';

/** A package whose package.json has a `handshake` field. */
export interface DiscoveredPlugin {
  readonly name: string;
  readonly version: string;
  /** The package folder, symlinks resolved. */
  readonly dir: string;
  readonly origin: PluginOrigin;
  /** Absent when the manifest is invalid; `problem` says why. */
  readonly manifest?: PluginManifest;
  readonly problem?: string;
}

export interface DiscoveryOptions {
  /** `plugins.paths` from the config: folders of plugin packages, or plugin packages themselves. */
  readonly paths: readonly string[];
  /** Folders of plugin packages in the handshake workspace (its `plugins/`). */
  readonly workspaceFolders: readonly string[];
  /** Folders from which `node_modules` are searched upwards for installed plugins. */
  readonly installedFrom: readonly string[];
}

/**
 * Finds plugin packages and reads their manifests as data, without importing any plugin code.
 * A package reached twice (a workspace plugin is also linked into node_modules) is listed once.
 */
export function discoverPlugins(options: DiscoveryOptions): DiscoveredPlugin[] {
  const found = new Map<string, DiscoveredPlugin>();
  const byName = new Set<string>();
  const consider = (dir: string, origin: PluginOrigin) => {
    const plugin = readPluginPackage(dir, origin);
    if (!plugin || found.has(plugin.dir) || byName.has(plugin.name)) return;
    found.set(plugin.dir, plugin);
    byName.add(plugin.name);
  };
  for (const path of options.paths) {
    if (existsSync(join(path, 'package.json'))) consider(path, 'path');
    else for (const dir of packageFolders(path)) consider(dir, 'path');
  }
  for (const folder of options.workspaceFolders) for (const dir of packageFolders(folder)) consider(dir, 'workspace');
  for (const start of options.installedFrom) {
    for (const modules of nodeModulesAbove(start)) for (const dir of packageFolders(modules)) consider(dir, 'installed');
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Package folders inside a folder, including one level of `@scope/` folders. */
function packageFolders(folder: string): string[] {
  if (!isDirectory(folder)) return [];
  const dirs: string[] = [];
  for (const entry of readdirSync(folder)) {
    if (entry.startsWith('.')) continue;
    const dir = join(folder, entry);
    if (entry.startsWith('@')) {
      if (isDirectory(dir)) for (const scoped of readdirSync(dir)) dirs.push(join(dir, scoped));
    } else {
      dirs.push(dir);
    }
  }
  return dirs;
}

function* nodeModulesAbove(start: string): Generator<string> {
  let dir = start;
  for (;;) {
    const modules = join(dir, 'node_modules');
    if (isDirectory(modules)) yield modules;
    const parent = dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function readPluginPackage(dir: string, origin: PluginOrigin): DiscoveredPlugin | undefined {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null || !('handshake' in json)) return undefined;
  const realDir = realpathSync(dir);
  const name = typeof json.name === 'string' ? json.name : realDir;
  const version = typeof json.version === 'string' ? json.version : '0.0.0';
  const parsed = PluginManifest.safeParse(json);
  if (parsed.success) return { name, version, dir: realDir, origin, manifest: parsed.data };
  const problem = parsed.error.issues.map((issue) => `package.json ${issue.path.join('.')}: ${issue.message}`).join('; ');
  return { name, version, dir: realDir, origin, problem };
}
