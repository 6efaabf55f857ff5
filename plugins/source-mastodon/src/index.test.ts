import { SourceContribution } from '@handshake/sdk';
import { Container } from 'inversify';
import { describe, expect, it } from 'vitest';
import { mastodonSourceModule } from './index.js';

describe('mastodonSourceModule', () => {
  it('contributes the mastodon-archive source, as the host loads it', async () => {
    const container = new Container();
    await container.load(mastodonSourceModule);
    expect(container.getAll<SourceContribution>(SourceContribution).map((source) => source.kind)).toEqual(['mastodon-archive']);
  });
});
