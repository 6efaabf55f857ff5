/** Builders of REST API answers in Mastodon 4.x's shapes (see FORMATS.md §2.2), trimmed to the fields that matter. */

type Json = Record<string, unknown>;

/** An `Account` as `origin` serves it: `username` local, or `username@domain` when `acct` says so. */
export function apiAccount(origin: string, id: string, username: string, extra: Json = {}): Json {
  return {
    id,
    username,
    acct: username,
    display_name: '',
    locked: false,
    bot: false,
    discoverable: null,
    group: false,
    created_at: '2022-04-01T00:00:00.000Z',
    note: '',
    url: `${origin}/@${username}`,
    uri: `${origin}/users/${username}`,
    followers_count: 0,
    following_count: 0,
    statuses_count: 0,
    hide_collections: null,
    emojis: [],
    fields: [],
    ...extra,
  };
}

/** A `Mention`: no actor URI, only the page, the address and the answering instance's id. */
export function apiMention(account: Json): Json {
  return { id: account.id, username: account.username, url: account.url, acct: account.acct };
}

export interface StatusInit {
  readonly id: string;
  readonly account: Json;
  readonly createdAt: string;
  readonly content?: string;
  readonly visibility?: string;
  readonly mentions?: readonly Json[];
  readonly tags?: readonly string[];
  readonly inReplyTo?: { readonly id: string; readonly accountId: string };
  readonly reblog?: Json;
}

/** A `Status` whose URI follows Mastodon's `<actor>/statuses/<id>` shape. */
export function apiStatus(init: StatusInit): Json {
  const actor = init.account.uri as string;
  const page = init.account.url as string;
  return {
    id: init.id,
    created_at: init.createdAt,
    in_reply_to_id: init.inReplyTo?.id ?? null,
    in_reply_to_account_id: init.inReplyTo?.accountId ?? null,
    sensitive: false,
    spoiler_text: '',
    visibility: init.visibility ?? 'public',
    language: 'en',
    uri: init.reblog === undefined ? `${actor}/statuses/${init.id}` : `${actor}/statuses/${init.id}/activity`,
    url: init.reblog === undefined ? `${page}/${init.id}` : `${actor}/statuses/${init.id}/activity`,
    replies_count: 0,
    reblogs_count: 0,
    favourites_count: 0,
    edited_at: null,
    content: init.content ?? '',
    reblog: init.reblog ?? null,
    account: init.account,
    media_attachments: [],
    mentions: (init.mentions ?? []).map(apiMention),
    tags: (init.tags ?? []).map((name) => ({ name, url: `${new URL(actor).origin}/tags/${name}` })),
    emojis: [],
    card: null,
    poll: null,
  };
}

/** A `Notification` of the token's account. */
export function apiNotification(id: string, type: string, account: Json, createdAt: string, status?: Json): Json {
  return { id, type, created_at: createdAt, group_key: `ungrouped-${id}`, account, ...(status === undefined ? {} : { status }) };
}

/** Mastodon's `<a>` for a mention, with the classes its formatter writes. */
export function mentionHtml(account: Json): string {
  return `<span class="h-card" translate="no"><a href="${account.url as string}" class="u-url mention">@<span>${account.username as string}</span></a></span>`;
}
