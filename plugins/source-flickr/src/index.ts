import { ContainerModule, SourceContribution } from '@handshake/sdk';
import { FlickrSource } from './flickr-source.js';

export { FlickrReadError } from './flickr-read-error.js';
export { FlickrSource } from './flickr-source.js';
export { FlickrSourceOptions } from './flickr-source-options.js';

/** Binds the `flickr` source to the SDK's contribution point. */
export const flickrSourceModule = new ContainerModule(({ bind }) => {
  bind(FlickrSource).toSelf().inSingletonScope();
  bind(SourceContribution).toService(FlickrSource);
});
