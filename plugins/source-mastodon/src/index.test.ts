import { DisposableStore, type HttpClient, ManualClock, PluginContext, SourceContribution } from '@handshake/sdk';
import { RecordingLogger } from '@handshake/testing';
import { Container } from 'inversify';
import { describe, expect, it } from 'vitest';
import { mastodonSourceModule } from './index.js';

const noNetwork: HttpClient = {
  request: (request) => Promise.reject(new Error(`unexpected request to ${request.url}`)),
  nextAllowedAt: () => 0,
  rateLimit: () => undefined,
};

describe('mastodonSourceModule', () => {
  it('contributes the mastodon-archive and mastodon sources, as the host loads them', async () => {
    const container = new Container();
    const context: PluginContext = {
      plugin: '@handshake/source-mastodon',
      logger: new RecordingLogger(),
      clock: new ManualClock(0),
      disposables: new DisposableStore(),
      secrets: { register: () => undefined },
      http: noNetwork,
    };
    container.bind(PluginContext).toConstantValue(context);
    await container.load(mastodonSourceModule);
    expect(container.getAll<SourceContribution>(SourceContribution).map((source) => source.kind)).toEqual(['mastodon-archive', 'mastodon']);
  });
});
