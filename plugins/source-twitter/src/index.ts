import { ContainerModule, SourceContribution } from '@handshake/sdk';
import { TwitterArchiveSource } from './twitter-archive-source.js';
import { XApiSource } from './x-api-source.js';

export { TwitterArchiveSource, TwitterArchiveSourceOptions } from './twitter-archive-source.js';
export { XApiError } from './x-api-error.js';
export { XApiSource } from './x-api-source.js';
export { XApiSourceOptions } from './x-api-source-options.js';

export const twitterSourceModule = new ContainerModule(({ bind }) => {
  bind(TwitterArchiveSource).toSelf().inSingletonScope();
  bind(SourceContribution).toService(TwitterArchiveSource);
  bind(XApiSource).toSelf().inSingletonScope();
  bind(SourceContribution).toService(XApiSource);
});
