import { jsonObject } from './json-fields.js';

/**
 * Where one paginated list of one account stands. A follow list is read from its first page (X
 * gives the newest follows first) to its end; a timeline is read newest first in passes, each asking
 * only for tweets newer than `sinceId` and, once read to its end, moving `sinceId` to the newest
 * tweet it saw. A pass stopped by a failure or the page limit keeps `next`, so the next run goes on
 * at that page instead of starting over.
 */
export interface XApiListCursor {
  /** The `pagination_token` of the page to read next, in a pass that has not reached its end. */
  readonly next?: string;
  /** Timelines: the newest tweet id the finished passes read; the next pass asks for newer ones only. */
  readonly sinceId?: string;
  /** Timelines: the newest tweet id the unfinished pass has seen, which becomes `sinceId` when it ends. */
  readonly newest?: string;
  /** Follow lists: when the last pass reached the end, epoch ms; the list is read again after `refresh`. */
  readonly readAt?: number;
}

export interface XApiAccountCursor {
  /** When the profile was last read, epoch ms. */
  readonly profileAt?: number;
  /** The username the profile had then, for links to the account's tweets. */
  readonly username?: string;
  readonly following?: XApiListCursor;
  readonly followers?: XApiListCursor;
  readonly tweets?: XApiListCursor;
  readonly mentions?: XApiListCursor;
  /** The account's latest own tweets (no retweets), newest first: their likers are read on every run. */
  readonly latest?: readonly string[];
}

/** The `x-api` source's cursor: X's own positions, per account id and list. */
export interface XApiCursor {
  readonly accounts: Readonly<Record<string, XApiAccountCursor>>;
  /** Configured usernames (lower case) and the id each had when last looked up. */
  readonly usernames: Readonly<Record<string, string>>;
}

/** Reads a committed cursor; one this source did not write starts over, which stores nothing twice. */
export function parseXApiCursor(text: string | undefined): XApiCursor {
  if (text !== undefined) {
    try {
      const value = jsonObject(JSON.parse(text));
      const accounts = jsonObject(value?.accounts);
      const usernames = jsonObject(value?.usernames);
      if (accounts)
        return {
          accounts: accounts as XApiCursor['accounts'],
          usernames: Object.fromEntries(
            Object.entries(usernames ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
          ),
        };
    } catch {
      // Not JSON: read everything again.
    }
  }
  return { accounts: {}, usernames: {} };
}
