import { activationEvent, type ContributionPoint } from '@handshake/sdk';
import semver from 'semver';
import { closestMatch } from '../util/closest-match.js';
import type { DiscoveredPlugin } from './plugin-discovery.js';

export interface CatalogPlugin extends DiscoveredPlugin {
  /** Whether the manifest is valid and `engines.handshake` accepts this host. */
  readonly compatible: boolean;
  /** Why it cannot be loaded, when it cannot. */
  readonly unusableBecause?: string;
}

const POINT_NOUN: Readonly<Record<ContributionPoint, string>> = { sources: 'source', rules: 'rule', sinks: 'sink' };

export function pointNoun(point: ContributionPoint): string {
  return POINT_NOUN[point];
}

/** Every installed plugin and the kinds it contributes, read from manifests alone. */
export class PluginCatalog {
  private readonly providers = new Map<string, CatalogPlugin>();
  /** Kinds contributed by more than one plugin; the first found is used. */
  readonly conflicts: string[] = [];

  constructor(
    readonly plugins: readonly CatalogPlugin[],
    readonly hostVersion: string,
  ) {
    for (const plugin of plugins) {
      if (!plugin.compatible || !plugin.manifest) continue;
      for (const point of ['sources', 'rules', 'sinks'] as const) {
        for (const { kind } of plugin.manifest.handshake.contributes[point]) {
          const key = `${point}:${kind}`;
          const existing = this.providers.get(key);
          if (existing)
            this.conflicts.push(
              `${pointNoun(point)} kind "${kind}" is contributed by ${existing.name} and ${plugin.name}; using ${existing.name}`,
            );
          else this.providers.set(key, plugin);
        }
      }
    }
  }

  static from(discovered: readonly DiscoveredPlugin[], hostVersion: string): PluginCatalog {
    const order = { path: 0, workspace: 1, installed: 2 } as const;
    const sorted = [...discovered].sort((a, b) => order[a.origin] - order[b.origin] || a.name.localeCompare(b.name));
    return new PluginCatalog(
      sorted.map((plugin) => withCompatibility(plugin, hostVersion)),
      hostVersion,
    );
  }

  /** The compatible plugin that contributes `kind`, if any. */
  provider(point: ContributionPoint, kind: string): CatalogPlugin | undefined {
    return this.providers.get(`${point}:${kind}`);
  }

  /** The kinds a config can use at this point, sorted. */
  kinds(point: ContributionPoint): string[] {
    const prefix = `${point}:`;
    return [...this.providers.keys()]
      .filter((key) => key.startsWith(prefix))
      .map((key) => key.slice(prefix.length))
      .sort();
  }

  /** Why a config cannot use `kind` here, or undefined when it can. */
  unusable(point: ContributionPoint, kind: string): string | undefined {
    if (this.provider(point, kind)) return undefined;
    const noun = pointNoun(point);
    const blocked = this.plugins.find((plugin) => plugin.manifest?.handshake.contributes[point].some((entry) => entry.kind === kind));
    if (blocked?.unusableBecause) return `${noun} kind "${kind}" comes from ${blocked.name}, which cannot load: ${blocked.unusableBecause}`;
    const installed = this.kinds(point);
    const suggestion = closestMatch(kind, installed);
    const list = installed.length > 0 ? installed.join(', ') : `no ${noun} plugins`;
    return `unknown ${noun} kind "${kind}". Installed: ${list}${suggestion ? `. Did you mean "${suggestion}"?` : ''}`;
  }

  /** The plugins to import for these uses: those whose activation events match, in catalog order. */
  pluginsFor(uses: readonly { point: ContributionPoint; kind: string }[]): CatalogPlugin[] {
    const events = new Set(uses.map(({ point, kind }) => activationEvent(point, kind)));
    const providers = new Set(uses.map(({ point, kind }) => this.provider(point, kind)).filter((plugin) => plugin !== undefined));
    return this.plugins.filter((plugin) => {
      if (!plugin.compatible || !plugin.manifest) return false;
      const declared = plugin.manifest.handshake.activationEvents;
      if (declared?.includes('*')) return true;
      return providers.has(plugin) || (declared?.some((event) => events.has(event)) ?? false);
    });
  }
}

function withCompatibility(plugin: DiscoveredPlugin, hostVersion: string): CatalogPlugin {
  if (!plugin.manifest) return { ...plugin, compatible: false, unusableBecause: `invalid manifest: ${plugin.problem}` };
  const range = plugin.manifest.engines.handshake;
  if (semver.validRange(range) === null) {
    return { ...plugin, compatible: false, unusableBecause: `engines.handshake "${range}" is not a semver range` };
  }
  if (!semver.satisfies(hostVersion, range, { includePrerelease: true })) {
    return {
      ...plugin,
      compatible: false,
      unusableBecause: `${plugin.name} ${plugin.version} needs handshake ${range}, but this is handshake ${hostVersion}`,
    };
  }
  return { ...plugin, compatible: true };
}
