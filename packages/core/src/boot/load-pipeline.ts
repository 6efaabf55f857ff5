import { readFileSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import {
  type Clock,
  type ContributionPoint,
  type Logger,
  type RuleContribution,
  type SinkContribution,
  type SourceContribution,
  systemClock,
} from '@handshake/sdk';
import { ConfigError, type ConfigIssue, type ConfigPath, formatConfigPath } from '../config/config-issue.js';
import { interpolateEnv } from '../config/env-interpolation.js';
import { mapOptionRoles } from '../config/option-roles.js';
import { Instant, type LogLevel, PipelineConfig } from '../config/pipeline-config.js';
import { YamlSource } from '../config/yaml-source.js';
import { zodIssuesToConfigIssues } from '../config/zod-issues.js';
import { SecretRedactor } from '../logging/secret-redactor.js';
import { type CatalogPlugin, PluginCatalog } from '../plugins/plugin-catalog.js';
import { discoverPlugins } from '../plugins/plugin-discovery.js';
import { PluginLoadError } from '../plugins/plugin-errors.js';
import { PluginHost } from '../plugins/plugin-host.js';
import { HANDSHAKE_VERSION } from '../version.js';
import { corePackageDir, handshakeWorkspaceRoot } from './handshake-workspace.js';

export interface ConfiguredSource {
  readonly id: string;
  readonly kind: string;
  readonly plugin: string;
  readonly options: unknown;
  readonly every?: number;
  readonly cron?: string;
  readonly contribution: SourceContribution;
}

export interface ConfiguredRule {
  readonly id: string;
  readonly kind: string;
  readonly plugin: string;
  readonly weight: number;
  readonly options: unknown;
  readonly contribution: RuleContribution;
}

export interface ConfiguredSink {
  readonly id: string;
  readonly kind: string;
  readonly plugin: string;
  readonly options: unknown;
  readonly contribution: SinkContribution;
}

/** A checked pipeline with its plugins imported (not yet activated). */
export interface LoadedPipeline {
  /** Absolute path of the YAML file. */
  readonly file: string;
  /** The file as messages show it. */
  readonly displayName: string;
  readonly config: PipelineConfig;
  /** The ledger file, resolved. */
  readonly storePath: string;
  readonly sources: readonly ConfiguredSource[];
  readonly rules: readonly ConfiguredRule[];
  readonly sinks: readonly ConfiguredSink[];
  readonly catalog: PluginCatalog;
  readonly host: PluginHost;
  readonly redactor: SecretRedactor;
  readonly logger: Logger;
  /** The config with defaults applied and every secret replaced by `[redacted]`, for printing. */
  readonly printable: unknown;
}

export interface LoadPipelineOptions {
  readonly file: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  readonly clock?: Clock;
  /** Makes the process logger once the config's level is known; the redactor blanks secrets. */
  readonly makeLogger: (configuredLevel: LogLevel, redactor: SecretRedactor) => Logger;
  /** Folders of workspace plugins; defaults to the handshake workspace's `plugins/`. */
  readonly workspaceFolders?: readonly string[];
  /** Where `node_modules` are searched upwards; defaults to the config's folder and core's own. */
  readonly installedFrom?: readonly string[];
  /** Overrides the config's `now` (the command line's `--now`). */
  readonly now?: string;
  /** Reuse a redactor (the daemon's, across reloads) instead of a new one. */
  readonly redactor?: SecretRedactor;
}

const SECTIONS = [
  ['sources', 'sources'],
  ['rules', 'rules'],
  ['sinks', 'sinks'],
] as const satisfies readonly (readonly [keyof PipelineConfig, ContributionPoint])[];

/** Default folders where installed and workspace plugins are looked for. */
export function defaultPluginFolders(configDir: string): { workspaceFolders: string[]; installedFrom: string[] } {
  const workspace = handshakeWorkspaceRoot();
  return {
    workspaceFolders: workspace ? [join(workspace, 'plugins')] : [],
    installedFrom: [configDir, corePackageDir()],
  };
}

/** Discovers the installed plugins for a config folder and extra plugin paths, reading manifests only. */
export function readCatalog(configDir: string, paths: readonly string[], options: Partial<LoadPipelineOptions> = {}): PluginCatalog {
  const defaults = defaultPluginFolders(configDir);
  const discovered = discoverPlugins({
    paths,
    workspaceFolders: options.workspaceFolders ?? defaults.workspaceFolders,
    installedFrom: options.installedFrom ?? defaults.installedFrom,
  });
  return PluginCatalog.from(discovered, HANDSHAKE_VERSION);
}

/**
 * Reads, checks and wires a pipeline YAML. Every problem (YAML syntax, unset variables, fields,
 * unknown kinds, plugins that fail to load, each plugin's own options) is collected and thrown
 * at once as a ConfigError, before anything runs.
 */
export async function loadPipeline(options: LoadPipelineOptions): Promise<LoadedPipeline> {
  const cwd = options.cwd ?? process.cwd();
  const file = resolve(cwd, options.file);
  const displayName = displayPath(cwd, file);
  const configDir = dirname(file);

  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new ConfigError([{ file: displayName, line: 1, column: 1, path: [], message: `cannot read the config: ${reason}` }]);
  }

  const { source, issues: syntaxIssues } = YamlSource.parse(displayName, text);
  if (syntaxIssues.length > 0) throw new ConfigError(syntaxIssues);
  const issues: ConfigIssue[] = interpolateEnv(source, options.env ?? process.env);
  const raw = (source.document.toJS() ?? {}) as Record<string, unknown>;

  const parsed = PipelineConfig.safeParse(raw);
  if (!parsed.success) issues.push(...zodIssuesToConfigIssues(source, parsed.error.issues));
  issues.push(...duplicateIds(source, raw));

  const redactor = options.redactor ?? new SecretRedactor();
  const configuredLevel = parsed.success ? parsed.data.log.level : 'info';
  const logger = options.makeLogger(configuredLevel, redactor);
  const pluginPaths = stringList((raw.plugins as Record<string, unknown> | undefined)?.paths).map((path) => resolve(configDir, path));
  const catalog = readCatalog(configDir, pluginPaths, options);
  const host = new PluginHost({ catalog, logger, clock: options.clock ?? systemClock, redactor });

  const uses: { point: ContributionPoint; kind: string; path: ConfigPath }[] = [];
  for (const [section, point] of SECTIONS) {
    entriesOf(raw[section]).forEach((entry, index) => {
      if (typeof entry.use !== 'string' || entry.use === '') return;
      const problem = catalog.unusable(point, entry.use);
      if (problem) issues.push(source.issueAt([section, index, 'use'], problem));
      else uses.push({ point, kind: entry.use, path: [section, index, 'use'] });
    });
  }

  const failedPlugins = await loadPlugins(host, catalog, uses, source, issues);
  const checked = checkPluginOptions(source, raw, host, catalog, failedPlugins, configDir, redactor, issues);

  if (issues.length > 0 || !parsed.success) {
    await host.dispose().catch(() => undefined);
    throw new ConfigError(sortIssues(withoutKnockOns(issues)));
  }

  const config = options.now === undefined ? parsed.data : { ...parsed.data, now: checkedNow(options.now) };
  const storePath = config.store.path
    ? resolve(configDir, config.store.path)
    : join(configDir, '.handshake', `${basename(file, extname(file))}.db`);
  const resolvedConfig: PipelineConfig = {
    ...config,
    store: { path: storePath },
    plugins: { paths: pluginPaths },
  };
  const sources = config.sources.map((entry, index) => {
    const kind = entry.use;
    return {
      id: entry.id ?? kind,
      kind,
      plugin: host.pluginOf('sources', kind) as string,
      options: checked.get(`sources.${index}`),
      every: entry.every,
      cron: entry.cron,
      contribution: host.source(kind),
    };
  });
  const rules = config.rules.map((entry, index) => ({
    id: entry.id ?? entry.use,
    kind: entry.use,
    plugin: host.pluginOf('rules', entry.use) as string,
    weight: entry.weight,
    options: checked.get(`rules.${index}`),
    contribution: host.rule(entry.use),
  }));
  const sinks = config.sinks.map((entry, index) => ({
    id: entry.id ?? entry.use,
    kind: entry.use,
    plugin: host.pluginOf('sinks', entry.use) as string,
    options: checked.get(`sinks.${index}`),
    contribution: host.sink(entry.use),
  }));
  const printable = printableConfig(resolvedConfig, raw, host, configDir);
  return { file, displayName, config: resolvedConfig, storePath, sources, rules, sinks, catalog, host, redactor, logger, printable };
}

async function loadPlugins(
  host: PluginHost,
  catalog: PluginCatalog,
  uses: readonly { point: ContributionPoint; kind: string; path: ConfigPath }[],
  source: YamlSource,
  issues: ConfigIssue[],
): Promise<Set<string>> {
  const failed = new Set<string>();
  for (const plugin of catalog.pluginsFor(uses)) {
    try {
      await host.load([plugin]);
    } catch (error) {
      failed.add(plugin.name);
      const use = uses.find(({ point, kind }) => catalog.provider(point, kind) === plugin);
      const message = error instanceof PluginLoadError ? error.message : `plugin ${plugin.name}: ${(error as Error).message}`;
      issues.push(use ? source.issueAt(use.path, message) : { file: source.displayName, line: 1, column: 1, path: [], message });
    }
  }
  return failed;
}

/** Resolves path options, collects secrets and checks each entry's `with:` against its plugin's schema. */
function checkPluginOptions(
  source: YamlSource,
  raw: Record<string, unknown>,
  host: PluginHost,
  catalog: PluginCatalog,
  failedPlugins: ReadonlySet<string>,
  configDir: string,
  redactor: SecretRedactor,
  issues: ConfigIssue[],
): Map<string, unknown> {
  const checked = new Map<string, unknown>();
  for (const [section, point] of SECTIONS) {
    entriesOf(raw[section]).forEach((entry, index) => {
      if (typeof entry.use !== 'string') return;
      const provider: CatalogPlugin | undefined = catalog.provider(point, entry.use);
      if (!provider || failedPlugins.has(provider.name)) return;
      const contribution = contributionOf(host, point, entry.use);
      if (!contribution) return;
      const prepared = mapOptionRoles(contribution.options, entry.with ?? {}, (role, value) => {
        if (role === 'path' && typeof value === 'string') return isAbsolute(value) ? value : resolve(configDir, value);
        if (role === 'secret' && typeof value === 'string') redactor.add(value);
        return value;
      });
      const result = contribution.options.safeParse(prepared);
      if (result.success) checked.set(`${section}.${index}`, result.data);
      else issues.push(...zodIssuesToConfigIssues(source, result.error.issues, [section, index, 'with']));
    });
  }
  return checked;
}

function contributionOf(host: PluginHost, point: ContributionPoint, kind: string) {
  if (!host.pluginOf(point, kind)) return undefined;
  return point === 'sources' ? host.source(kind) : point === 'rules' ? host.rule(kind) : host.sink(kind);
}

function printableConfig(config: PipelineConfig, raw: Record<string, unknown>, host: PluginHost, configDir: string): unknown {
  const printable: Record<string, unknown> = structuredClone({ ...config }) as Record<string, unknown>;
  for (const [section, point] of SECTIONS) {
    const list = printable[section] as Record<string, unknown>[];
    entriesOf(raw[section]).forEach((entry, index) => {
      const contribution = contributionOf(host, point, entry.use as string);
      const target = list[index];
      if (!contribution || !target) return;
      target.with = mapOptionRoles(contribution.options, entry.with ?? {}, (role, value) => {
        if (role === 'secret') return '[redacted]';
        if (role === 'path' && typeof value === 'string') return isAbsolute(value) ? value : resolve(configDir, value);
        return value;
      });
    });
  }
  return printable;
}

function checkedNow(text: string): string {
  const result = Instant.safeParse(text);
  if (!result.success)
    throw new ConfigError([{ file: '--now', line: 1, column: 1, path: [], message: result.error.issues[0]?.message ?? 'invalid instant' }]);
  return result.data;
}

function duplicateIds(source: YamlSource, raw: Record<string, unknown>): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const [section] of SECTIONS) {
    const seen = new Map<string, number>();
    entriesOf(raw[section]).forEach((entry, index) => {
      const id = typeof entry.id === 'string' ? entry.id : typeof entry.use === 'string' ? entry.use : undefined;
      if (id === undefined) return;
      const first = seen.get(id);
      if (first === undefined) seen.set(id, index);
      else {
        const path: ConfigPath = typeof entry.id === 'string' ? [section, index, 'id'] : [section, index, 'use'];
        issues.push(source.issueAt(path, `duplicate id "${id}" (also ${section}[${first}]); give each entry a unique "id"`));
      }
    });
  }
  return issues;
}

function entriesOf(value: unknown): Record<string, unknown>[] {
  if (!Array.isArray(value)) return [];
  return value.map((entry) => (typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {}));
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** An unset variable also leaves its value empty: report the cause once, not its knock-on type error too. */
function withoutKnockOns(issues: readonly ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.line}:${issue.column}:${formatConfigPath(issue.path)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function sortIssues(issues: readonly ConfigIssue[]): ConfigIssue[] {
  return [...issues].sort((a, b) => a.line - b.line || a.column - b.column);
}

function displayPath(cwd: string, file: string): string {
  const rel = relative(cwd, file);
  return rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}
