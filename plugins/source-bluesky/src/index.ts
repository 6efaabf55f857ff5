import { ContainerModule, SourceContribution } from '@handshake/sdk';
import { BlueskyAppViewSource } from './appview/bluesky-appview-source.js';
import { BlueskyRepoSource } from './repo/bluesky-repo-source.js';

export { BlueskyAppViewOptions } from './appview/bluesky-appview-options.js';
export { BlueskyAppViewSource } from './appview/bluesky-appview-source.js';
export { BlueskyReadError } from './bluesky-read-error.js';
export { BlueskyRepoOptions } from './repo/bluesky-repo-options.js';
export { BlueskyRepoSource } from './repo/bluesky-repo-source.js';

export const blueskySourceModule = new ContainerModule(({ bind }) => {
  bind(BlueskyAppViewSource).toSelf().inSingletonScope();
  bind(SourceContribution).toService(BlueskyAppViewSource);
  bind(BlueskyRepoSource).toSelf().inSingletonScope();
  bind(SourceContribution).toService(BlueskyRepoSource);
});
