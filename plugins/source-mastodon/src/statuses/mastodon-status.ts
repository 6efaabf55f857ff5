import type { MastodonAccount } from '../accounts/mastodon-account.js';
import type { StatusVisibility } from './status-visibility.js';

/**
 * One status as every Mastodon kind reads it (an outbox `Create` in the archive, a `Status` from the
 * REST API), reduced to what its signals need. Each kind maps its own format to this; the
 * signals come from one place, so the same status yields the same signals and ids from both.
 */
export interface MastodonStatus {
  /** The ActivityPub id (the API's `uri`): the key of every signal the status yields. */
  readonly uri: string;
  /** The page a person opens (`url`), when given. */
  readonly url?: string;
  /** The author's actor URI. */
  readonly author: string;
  /** When it was first published, as a UTC instant: an edit keeps the fact and its time. */
  readonly at: string;
  /** The timestamp as the source wrote it, when it differs from `at`. */
  readonly rawAt?: string;
  readonly visibility: StatusVisibility;
  /** The content as plain text. */
  readonly text: string;
  /** Links in the content, without mentions and hashtags. */
  readonly links: readonly string[];
  /** Hashtags, without `#`. */
  readonly topics: readonly string[];
  readonly mentions: readonly MastodonAccount[];
  /** For a direct status: every account it was sent to, besides the author. */
  readonly addressees: readonly MastodonAccount[];
  /**
   * The status it answers: its URI when the source gives it (the archive does; the REST API gives
   * only the instance-local `in_reply_to_id`), and its author's actor URI when the source can tell it.
   */
  readonly inReplyTo?: { readonly uri?: string; readonly author?: string };
}
