import { ContainerModule, SourceContribution } from '@handshake/sdk';
import { TumblrSource } from './tumblr-source.js';

export { TumblrReadError } from './tumblr-read-error.js';
export { TumblrSource } from './tumblr-source.js';
export { TumblrSourceOptions } from './tumblr-source-options.js';

/** Binds the `tumblr` source to the SDK's contribution point. */
export const tumblrSourceModule = new ContainerModule(({ bind }) => {
  bind(TumblrSource).toSelf().inSingletonScope();
  bind(SourceContribution).toService(TumblrSource);
});
