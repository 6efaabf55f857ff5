import { ContainerModule, SinkContribution, z } from '@handshake/sdk';

globalThis.__handshakeFixtureEvents ??= [];
const events = globalThis.__handshakeFixtureEvents;
events.push('fixture-sink:imported');

export default new ContainerModule(({ bind }) => {
  bind(SinkContribution).toConstantValue({
    kind: 'fixture-sink',
    options: z.strictObject({ label: z.string() }),
    open: () => ({ write: () => undefined }),
  });
});

export function activate(context) {
  events.push('fixture-sink:activate');
  context.disposables.add({ dispose: () => events.push('fixture-sink:dispose') });
}

export function deactivate() {
  events.push('fixture-sink:deactivate');
}
