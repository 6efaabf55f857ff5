// A real plugin package on disk for the plugin host's tests: plain JS, as a published plugin ships.
import { ContainerModule, filePath, PluginContext, SourceContribution, secret, z } from '@handshake/sdk';

globalThis.__handshakeFixtureEvents ??= [];
const events = globalThis.__handshakeFixtureEvents;
events.push('fixture-source:imported');

const options = z.strictObject({
  path: filePath(),
  token: secret().optional(),
  count: z.number().int().min(1).default(1),
});

export const fixtureSourceModule = new ContainerModule(({ bind }) => {
  bind(SourceContribution)
    .toDynamicValue((context) => {
      const plugin = context.get(PluginContext);
      return {
        kind: 'fixture-source',
        options,
        async *read(request) {
          plugin.logger.info({ token: request.options.token }, `reading with token ${request.options.token}`);
          yield { signals: [], cursor: 'done' };
        },
      };
    })
    .inSingletonScope();
});

export function activate(context) {
  events.push('fixture-source:activate');
  context.disposables.add({ dispose: () => events.push('fixture-source:dispose') });
}

export function deactivate() {
  events.push('fixture-source:deactivate');
}
