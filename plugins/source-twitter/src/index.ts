import { ContainerModule, SourceContribution } from '@handshake/sdk';
import { TwitterArchiveSource } from './twitter-archive-source.js';

export { TwitterArchiveSource, TwitterArchiveSourceOptions } from './twitter-archive-source.js';

export const twitterSourceModule = new ContainerModule(({ bind }) => {
  bind(TwitterArchiveSource).toSelf().inSingletonScope();
  bind(SourceContribution).toService(TwitterArchiveSource);
});
