import { ContainerModule, SourceContribution } from '@handshake/sdk';
import { MastodonApiSource } from './api/mastodon-api-source.js';
import { MastodonArchiveSource } from './archive/mastodon-archive-source.js';

export {
  accountFromAcct,
  accountFromActorUri,
  accountFromMention,
  actorUriFromProfileUrl,
  handleFromActorUri,
  MASTODON_NETWORK,
  type MastodonAccount,
} from './accounts/mastodon-account.js';
export { MastodonApiSource } from './api/mastodon-api-source.js';
export { MastodonApiSourceOptions } from './api/mastodon-api-source-options.js';
export { MastodonArchiveSource, MastodonArchiveSourceOptions } from './archive/mastodon-archive-source.js';
export { statusAuthor } from './statuses/status-author.js';
export { type StatusContent, statusContent } from './statuses/status-content.js';
export { type StatusVisibility, statusVisibility } from './statuses/status-visibility.js';

/** Binds the Mastodon source kinds to the SDK's contribution point. */
export const mastodonSourceModule = new ContainerModule(({ bind }) => {
  bind(MastodonArchiveSource).toSelf().inSingletonScope();
  bind(SourceContribution).toService(MastodonArchiveSource);
  bind(MastodonApiSource).toSelf().inSingletonScope();
  bind(SourceContribution).toService(MastodonApiSource);
});
