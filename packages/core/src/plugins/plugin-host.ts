import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type Clock,
  Clock as ClockToken,
  type ContributionPoint,
  createHttpClient,
  DisposableStore,
  type Logger,
  Logger as LoggerToken,
  type PluginContext,
  PluginContext as PluginContextToken,
  RuleContribution,
  type SecretRegistry,
  SinkContribution,
  SourceContribution,
} from '@handshake/sdk';
import { Container, ContainerModule } from 'inversify';
import type { SecretRedactor } from '../logging/secret-redactor.js';
import type { CatalogPlugin, PluginCatalog } from './plugin-catalog.js';
import { pointNoun } from './plugin-catalog.js';
import { PluginLoadError } from './plugin-errors.js';

type Contribution = SourceContribution | RuleContribution | SinkContribution;

const TOKENS = { sources: SourceContribution, rules: RuleContribution, sinks: SinkContribution } as const;

/** The members each contribution point needs, checked when a plugin is loaded rather than at first use. */
const REQUIRED_METHODS: Readonly<Record<ContributionPoint, string>> = { sources: 'read', rules: 'evaluate', sinks: 'open' };

interface PluginEntryModule {
  readonly module: ContainerModule;
  activate?(context: PluginContext): unknown;
  deactivate?(): unknown;
}

/** A plugin imported into its own container. */
export interface LoadedPlugin {
  readonly plugin: CatalogPlugin;
  readonly context: PluginContext;
  readonly entry: PluginEntryModule;
  readonly container: Container;
}

export interface PluginHostOptions {
  readonly catalog: PluginCatalog;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly redactor: SecretRedactor;
}

/**
 * Imports the plugins a config uses, each into its own inversify container (so each gets its
 * own `PluginContext` and logger), activates them, and releases them in reverse order.
 */
export class PluginHost {
  private readonly loaded: LoadedPlugin[] = [];
  private readonly contributions = new Map<string, { contribution: Contribution; plugin: string }>();
  private readonly activated: LoadedPlugin[] = [];

  constructor(private readonly options: PluginHostOptions) {}

  get plugins(): readonly LoadedPlugin[] {
    return this.loaded;
  }

  /** Imports each plugin and resolves its contributions, without activating it. */
  async load(plugins: readonly CatalogPlugin[]): Promise<void> {
    for (const plugin of plugins) {
      if (this.loaded.some((loaded) => loaded.plugin.dir === plugin.dir)) continue;
      this.loaded.push(await this.loadOne(plugin));
    }
  }

  /** Calls each plugin's `activate` in load order; the first failure fails the boot, naming the plugin. */
  async activate(): Promise<void> {
    for (const loaded of this.loaded) {
      if (this.activated.includes(loaded)) continue;
      try {
        await loaded.entry.activate?.(loaded.context);
      } catch (error) {
        throw new PluginLoadError(loaded.plugin.name, `activate() failed: ${messageOf(error)}`, { cause: error });
      }
      this.activated.push(loaded);
      loaded.context.logger.debug({ version: loaded.plugin.version }, 'plugin activated');
    }
  }

  source(kind: string): SourceContribution {
    return this.contribution('sources', kind) as SourceContribution;
  }

  rule(kind: string): RuleContribution {
    return this.contribution('rules', kind) as RuleContribution;
  }

  sink(kind: string): SinkContribution {
    return this.contribution('sinks', kind) as SinkContribution;
  }

  /** The plugin that contributed a kind, for logs and errors. */
  pluginOf(point: ContributionPoint, kind: string): string | undefined {
    return this.contributions.get(`${point}:${kind}`)?.plugin;
  }

  /** Deactivates and releases every plugin, last loaded first. Every plugin is released even when one fails. */
  async dispose(): Promise<void> {
    const errors: unknown[] = [];
    for (const loaded of [...this.loaded].reverse()) {
      try {
        if (this.activated.includes(loaded)) await loaded.entry.deactivate?.();
      } catch (error) {
        errors.push(new PluginLoadError(loaded.plugin.name, `deactivate() failed: ${messageOf(error)}`, { cause: error }));
      }
      try {
        await loaded.context.disposables.dispose();
      } catch (error) {
        errors.push(new PluginLoadError(loaded.plugin.name, `releasing resources failed: ${messageOf(error)}`, { cause: error }));
      }
    }
    this.loaded.length = 0;
    this.activated.length = 0;
    this.contributions.clear();
    if (errors.length > 0) throw errors.length === 1 ? errors[0] : new AggregateError(errors, 'plugins failed to shut down');
  }

  private contribution(point: ContributionPoint, kind: string): Contribution {
    const found = this.contributions.get(`${point}:${kind}`);
    if (found) return found.contribution;
    const loaded = [...this.contributions.keys()].filter((key) => key.startsWith(`${point}:`)).map((key) => key.slice(point.length + 1));
    throw new Error(`no loaded plugin contributes ${pointNoun(point)} kind "${kind}". Loaded: ${loaded.sort().join(', ') || 'none'}`);
  }

  private async loadOne(plugin: CatalogPlugin): Promise<LoadedPlugin> {
    const manifest = plugin.manifest;
    if (!manifest) throw new PluginLoadError(plugin.name, plugin.unusableBecause ?? 'invalid manifest');
    const entryPath = join(plugin.dir, manifest.handshake.main);
    let exports: Record<string, unknown>;
    try {
      exports = await import(pathToFileURL(entryPath).href);
    } catch (error) {
      throw new PluginLoadError(plugin.name, `could not import ${entryPath}: ${messageOf(error)}`, { cause: error });
    }
    const entry = entryModuleOf(plugin.name, exports);
    const context = this.contextFor(plugin.name);
    const container = new Container({ defaultScope: 'Singleton' });
    container.bind<PluginContext>(PluginContextToken).toConstantValue(context);
    container.bind<Logger>(LoggerToken).toConstantValue(context.logger);
    container.bind<Clock>(ClockToken).toConstantValue(this.options.clock);
    try {
      container.load(entry.module);
    } catch (error) {
      throw new PluginLoadError(plugin.name, `its ContainerModule failed to load: ${messageOf(error)}`, { cause: error });
    }
    for (const point of ['sources', 'rules', 'sinks'] as const) this.collect(plugin, container, point);
    return { plugin, context, entry, container };
  }

  private collect(plugin: CatalogPlugin, container: Container, point: ContributionPoint): void {
    const declared = new Set((plugin.manifest?.handshake.contributes[point] ?? []).map((entry) => entry.kind));
    let bound: Contribution[];
    try {
      bound = container.isBound(TOKENS[point]) ? container.getAll<Contribution>(TOKENS[point]) : [];
    } catch (error) {
      throw new PluginLoadError(plugin.name, `could not create its ${point}: ${messageOf(error)}`, { cause: error });
    }
    for (const contribution of bound) {
      const problem = contributionProblem(point, contribution, declared);
      if (problem) throw new PluginLoadError(plugin.name, problem);
      declared.delete(contribution.kind);
      this.contributions.set(`${point}:${contribution.kind}`, { contribution, plugin: plugin.name });
    }
    for (const kind of declared) {
      throw new PluginLoadError(
        plugin.name,
        `its manifest declares ${pointNoun(point)} kind "${kind}", but its module binds no ${pointNoun(point)} of that kind`,
      );
    }
  }

  private contextFor(plugin: string): PluginContext {
    const redactor = this.options.redactor;
    const logger = this.options.logger.child({ plugin });
    const secrets: SecretRegistry = { register: (value) => redactor.add(value) };
    const disposables = new DisposableStore();
    // Registered first, so its connections close last, after everything the plugin built on it.
    const http = disposables.add(createHttpClient({ logger, clock: this.options.clock, secrets }));
    return { plugin, logger, clock: this.options.clock, disposables, secrets, http };
  }
}

function contributionProblem(point: ContributionPoint, contribution: Contribution, declared: ReadonlySet<string>): string | undefined {
  const noun = pointNoun(point);
  if (typeof contribution?.kind !== 'string') return `a ${noun} contribution has no "kind"`;
  if (!declared.has(contribution.kind)) {
    return `its module binds ${noun} kind "${contribution.kind}", which its manifest does not declare under contributes.${point}`;
  }
  const options = contribution.options as { safeParse?: unknown } | undefined;
  if (typeof options?.safeParse !== 'function') return `${noun} kind "${contribution.kind}" has no zod schema in "options"`;
  const method = REQUIRED_METHODS[point];
  if (typeof (contribution as unknown as Record<string, unknown>)[method] !== 'function') {
    return `${noun} kind "${contribution.kind}" has no ${method}() method`;
  }
  return undefined;
}

function isContainerModule(value: unknown): value is ContainerModule {
  return (
    value instanceof ContainerModule ||
    (typeof value === 'object' && value !== null && typeof (value as ContainerModule).load === 'function' && 'id' in value)
  );
}

/** The entry exports its ContainerModule as `default` or as its one ContainerModule export. */
function entryModuleOf(plugin: string, exports: Record<string, unknown>): PluginEntryModule {
  const candidates = isContainerModule(exports.default) ? [exports.default] : Object.values(exports).filter(isContainerModule);
  if (candidates.length !== 1) {
    throw new PluginLoadError(
      plugin,
      candidates.length === 0
        ? 'its entry exports no inversify ContainerModule'
        : 'its entry exports several ContainerModules; export one, or make one the default export',
    );
  }
  const activate = typeof exports.activate === 'function' ? (exports.activate as PluginEntryModule['activate']) : undefined;
  const deactivate = typeof exports.deactivate === 'function' ? (exports.deactivate as PluginEntryModule['deactivate']) : undefined;
  return { module: candidates[0] as ContainerModule, activate, deactivate };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
