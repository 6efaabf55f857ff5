import { type JsonFields, jsonArray, jsonObject } from './json-fields.js';
import { idString } from './twitter-identity.js';
import { type XApiUser, xApiUser } from './x-api-user.js';

/**
 * The objects a page's expansions brought (`includes.users`, `includes.tweets`), by id, for the
 * reader to join: X puts a referenced tweet or a mentioned user there once, not inside each tweet.
 */
export class XApiIncludes {
  private readonly users = new Map<string, XApiUser>();
  private readonly usernames = new Map<string, XApiUser>();
  private readonly tweets = new Map<string, JsonFields>();

  constructor(body: unknown) {
    const includes = jsonObject(jsonObject(body)?.includes);
    for (const value of jsonArray(includes?.users)) {
      const mapped = xApiUser(value);
      if (!mapped.ok) continue;
      this.users.set(mapped.user.id, mapped.user);
      if (mapped.user.username) this.usernames.set(mapped.user.username.toLowerCase(), mapped.user);
    }
    for (const value of jsonArray(includes?.tweets)) {
      const tweet = jsonObject(value);
      const id = typeof tweet?.id === 'string' ? idString(tweet.id) : undefined;
      if (tweet && id) this.tweets.set(id, tweet);
    }
  }

  user(id: string): XApiUser | undefined {
    return this.users.get(id);
  }

  /** A user by username, without case: `entities.mentions` name users by username only. */
  userNamed(username: string): XApiUser | undefined {
    return this.usernames.get(username.toLowerCase());
  }

  /** The author of a referenced tweet, when the tweet came with its `author_id`. */
  authorOf(tweetId: string): string | undefined {
    const author = this.tweets.get(tweetId)?.author_id;
    return typeof author === 'string' ? idString(author) : undefined;
  }
}
