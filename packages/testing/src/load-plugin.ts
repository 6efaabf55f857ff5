import {
  type Clock,
  Clock as ClockToken,
  createHttpClient,
  DisposableStore,
  type HttpClient,
  type Logger,
  Logger as LoggerToken,
  type PluginContext,
  PluginContext as PluginContextToken,
  RuleContribution,
  SinkContribution,
  SourceContribution,
  systemClock,
} from '@handshake/sdk';
import { Container, type ContainerModule } from 'inversify';
import { RecordingLogger } from './http/recording-logger.js';

export interface LoadPluginOptions {
  readonly plugin?: string;
  readonly clock?: Clock;
  /** Defaults to a RecordingLogger, so a test can read what the plugin logged. */
  readonly logger?: Logger;
  /** Defaults to a real HTTP client on the given clock and logger. */
  readonly http?: HttpClient;
}

export interface LoadedTestPlugin {
  readonly context: PluginContext;
  readonly logger: Logger;
  readonly sources: SourceContribution[];
  readonly rules: RuleContribution[];
  readonly sinks: SinkContribution[];
  source(kind: string): SourceContribution;
  rule(kind: string): RuleContribution;
  /** Releases what the plugin registered, last first, as the host does on shutdown. */
  dispose(): Promise<void>;
}

function byKind<T extends { kind: string }>(list: readonly T[], kind: string, point: string): T {
  const found = list.find((item) => item.kind === kind);
  if (!found)
    throw new Error(`the module binds no ${point} of kind "${kind}"; it binds ${list.map((item) => item.kind).join(', ') || 'none'}`);
  return found;
}

/**
 * Loads a plugin's ContainerModule the way the host does: in a container of its own with a
 * PluginContext (logger, clock, HTTP client, disposables), and resolves its contributions.
 */
export function loadPluginModule(module: ContainerModule, options: LoadPluginOptions = {}): LoadedTestPlugin {
  const plugin = options.plugin ?? 'test-plugin';
  const clock = options.clock ?? systemClock;
  const logger = (options.logger ?? new RecordingLogger()).child({ plugin });
  const disposables = new DisposableStore();
  const http = options.http ?? disposables.add(createHttpClient({ clock, logger }));
  const context: PluginContext = { plugin, logger, clock, disposables, secrets: { register: () => undefined }, http };
  const container = new Container({ defaultScope: 'Singleton' });
  container.bind<PluginContext>(PluginContextToken).toConstantValue(context);
  container.bind<Logger>(LoggerToken).toConstantValue(logger);
  container.bind<Clock>(ClockToken).toConstantValue(clock);
  container.load(module);
  const all = <T>(token: symbol): T[] => (container.isBound(token) ? container.getAll<T>(token) : []);
  const sources = all<SourceContribution>(SourceContribution);
  const rules = all<RuleContribution>(RuleContribution);
  const sinks = all<SinkContribution>(SinkContribution);
  return {
    context,
    logger,
    sources,
    rules,
    sinks,
    source: (kind) => byKind(sources, kind, 'source'),
    rule: (kind) => byKind(rules, kind, 'rule'),
    dispose: () => disposables.dispose(),
  };
}
