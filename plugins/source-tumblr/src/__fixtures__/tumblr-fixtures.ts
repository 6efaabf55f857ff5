import type { FixtureResponse } from '@handshake/testing';

/** A key that must never show up in a log line, an error or a cursor. */
export const CANARY_KEY = 'CANARY-tumblr-key-4d8e2b7f90';

export const ADA = 't:ada1AAAAAAAAAAAAAAAAAA';
export const DAN = 't:dan2BBBBBBBBBBBBBBBBBB';
export const GRACE = 't:grace3CCCCCCCCCCCCCCCC';
export const ERIC = 't:eric4DDDDDDDDDDDDDDDDD';

export interface BlogFixture {
  readonly uuid: string;
  readonly name: string;
  readonly title: string;
  readonly url: string;
}

export const BLOGS: Readonly<Record<'ada' | 'dan' | 'grace' | 'eric', BlogFixture>> = {
  ada: { uuid: ADA, name: 'ada-writes', title: 'Ada writes', url: 'https://ada-writes.tumblr.com/' },
  dan: { uuid: DAN, name: 'dan-example', title: "Dan's log", url: 'https://www.danslog.example/' },
  grace: { uuid: GRACE, name: 'grace-h', title: 'Grace H', url: 'https://grace-h.tumblr.com/' },
  eric: { uuid: ERIC, name: 'eric', title: 'Eric', url: 'https://eric.tumblr.com/' },
};

/** A number written into the JSON text as it is, beyond what a JavaScript number holds exactly. */
export function rawNumber(digits: string): string {
  return `__RAW_NUMBER:${digits}__`;
}

/** A success as Tumblr writes it; raw numbers go into the text unquoted, as Tumblr's 64-bit `id` does. */
export function ok(response: unknown): FixtureResponse {
  const text = JSON.stringify({ meta: { status: 200, msg: 'OK' }, response }).replace(/"__RAW_NUMBER:(\d+)__"/g, '$1');
  return { headers: { 'content-type': 'application/json; charset=utf-8' }, body: text };
}

/** An error inside an HTTP 200, as a JSONP answer (or an API key request Tumblr refuses) gives it. */
export function metaError(status: number, msg: string, errors: unknown[] = []): FixtureResponse {
  return { body: { meta: { status, msg }, response: [], errors } };
}

/** The short blog info Tumblr puts in posts, trails and mentions. */
export function shortBlog(blog: BlogFixture): Record<string, unknown> {
  return { name: blog.name, title: blog.title, description: '', url: blog.url, uuid: blog.uuid, updated: 1767300000 };
}

export function postsAnswer(blog: BlogFixture, posts: unknown[], totalPosts: number, next?: Record<string, unknown>): FixtureResponse {
  return ok({
    blog: { ...shortBlog(blog), posts: totalPosts, ask: false },
    posts,
    total_posts: totalPosts,
    ...(next === undefined
      ? {}
      : {
          _links: {
            next: {
              href: `/v2/blog/${blog.name}/posts?${new URLSearchParams(next as Record<string, string>)}`,
              method: 'GET',
              query_params: next,
            },
          },
        }),
  });
}

interface PostFixture {
  readonly id: string;
  readonly timestamp: number;
  readonly content?: unknown[];
  readonly tags?: string[];
  readonly noteCount?: number;
  readonly extra?: Record<string, unknown>;
  /** Write `id` as a raw 64-bit number, as Tumblr does, beside `id_string`. */
  readonly rawId?: boolean;
}

/** A post in NPF (`npf=true`), as `/posts` gives it with `reblog_info` and `notes_info`. */
export function npfPost(blog: BlogFixture, post: PostFixture): Record<string, unknown> {
  const date = new Date(post.timestamp * 1000).toISOString().replace('T', ' ').replace('.000Z', ' GMT');
  return {
    object_type: 'post',
    type: 'blocks',
    id: post.rawId ? rawNumber(post.id) : Number(post.id),
    id_string: post.id,
    blog_name: blog.name,
    blog: shortBlog(blog),
    post_url: `https://${blog.name}.tumblr.com/post/${post.id}`,
    timestamp: post.timestamp,
    date,
    tags: post.tags ?? [],
    short_url: `https://tmblr.co/Z${post.id.slice(-6)}`,
    summary: '',
    is_blocks_post_format: true,
    note_count: post.noteCount ?? 0,
    content: post.content ?? [],
    layout: [],
    trail: [],
    state: 'published',
    ...post.extra,
  };
}

export function text(value: string, formatting?: unknown[]): Record<string, unknown> {
  return { type: 'text', text: value, ...(formatting === undefined ? {} : { formatting }) };
}

export function mention(start: number, end: number, blog: BlogFixture): Record<string, unknown> {
  return { start, end, type: 'mention', blog: { uuid: blog.uuid, name: blog.name, url: blog.url } };
}

export function link(start: number, end: number, url: string): Record<string, unknown> {
  return { start, end, type: 'link', url };
}

export function note(type: string, blog: BlogFixture, timestamp: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type,
    timestamp,
    blog_name: blog.name,
    blog_uuid: blog.uuid,
    blog_url: blog.url,
    followed: false,
    avatar_shape: 'square',
    ...extra,
  };
}

export function notesAnswer(notes: unknown[], next?: Record<string, unknown>): FixtureResponse {
  return ok({
    notes,
    total_notes: notes.length,
    ...(next === undefined
      ? {}
      : {
          _links: {
            next: { href: `/v2/blog/x/notes?${new URLSearchParams(next as Record<string, string>)}`, method: 'GET', query_params: next },
          },
        }),
  });
}

export function likesAnswer(likedPosts: unknown[], likedCount: number, next?: Record<string, unknown>): FixtureResponse {
  return ok({
    liked_posts: likedPosts,
    liked_count: likedCount,
    ...(next === undefined
      ? {}
      : {
          _links: {
            next: { href: `/v2/blog/x/likes?${new URLSearchParams(next as Record<string, string>)}`, method: 'GET', query_params: next },
          },
        }),
  });
}
