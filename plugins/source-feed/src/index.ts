import { ContainerModule, SourceContribution } from '@handshake/sdk';
import { FeedSource } from './feed-source.js';

export { FeedReadError } from './feed-read-error.js';
export { FeedSource } from './feed-source.js';
export { FeedSourceOptions } from './feed-source-options.js';

export const feedSourceModule = new ContainerModule(({ bind }) => {
  bind(FeedSource).toSelf().inSingletonScope();
  bind(SourceContribution).toService(FeedSource);
});
