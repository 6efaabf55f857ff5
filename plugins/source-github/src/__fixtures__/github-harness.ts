import type { Clock, SourceContribution } from '@handshake/sdk';
import {
  FixtureServer,
  type LoadedTestPlugin,
  loadPluginModule,
  RecordingLogger,
  type RunSourceOptions,
  readSource,
  runSource,
} from '@handshake/testing';
import { githubSourceModule } from '../index.js';

/** The plugin loaded as the host loads it (real HTTP client on the given clock), pointed at a fixture server. */
export class GithubHarness {
  readonly logger = new RecordingLogger();
  readonly plugin: LoadedTestPlugin;
  readonly source: SourceContribution;

  constructor(
    readonly server: FixtureServer,
    clock?: Clock,
  ) {
    this.plugin = loadPluginModule(githubSourceModule, {
      plugin: '@handshake/source-github',
      logger: this.logger,
      ...(clock && { clock }),
    });
    this.source = this.plugin.source('github');
  }

  /** Runs the source once with these options (`baseUrl` set to the server). */
  run(options: Record<string, unknown> = {}, run: RunSourceOptions = {}) {
    return runSource(this.source, { baseUrl: this.server.url, ...options }, run);
  }

  /** Runs the source and keeps the batches it yielded before it failed, as the host commits them. */
  collect(options: Record<string, unknown> = {}, run: RunSourceOptions = {}) {
    return readSource(this.source, { baseUrl: this.server.url, ...options }, { sourceId: 'github', ...run });
  }

  dispose(): Promise<void> {
    return this.plugin.dispose();
  }
}

/** A plan of GitHub ids, as the host builds it from the pipeline's people. */
export function githubPlan(plan: { me?: string[]; targets?: string[]; introducers?: string[] }): RunSourceOptions['plan'] {
  const ids = (list: string[] = []) => list.map((id) => ({ network: 'github', id }));
  return { me: ids(plan.me), targets: ids(plan.targets), introducers: ids(plan.introducers) };
}

export async function startServer(): Promise<FixtureServer> {
  return new FixtureServer().start();
}
