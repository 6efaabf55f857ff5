import { type SourceBatch, valueAt } from '@handshake/sdk';
import type { BlogRef } from './npf-content.js';
import type { TumblrPage, TumblrPagesEnd, TumblrRefusal } from './tumblr-api.js';
import type { TumblrListCursor, TumblrNotesCursor } from './tumblr-cursor.js';
import { BLOG_UUID, tumblrList } from './tumblr-fields.js';
import { TumblrListPass } from './tumblr-list-pass.js';
import { TumblrReadError } from './tumblr-read-error.js';
import {
  answerBlog,
  blogIdentity,
  likedPost,
  noteSignal,
  postSignals,
  type RecentPost,
  type TumblrRecordOutcome,
} from './tumblr-records.js';
import type { TumblrRun } from './tumblr-run.js';

/** Tumblr refuses a likes offset past 1000; older likes are only reachable by `before`, which `_links.next` gives when it can. */
const LIKES_MAX_OFFSET = 1000;

/** How one list is read. */
interface ListSpec {
  /** For errors: `the posts of staff`. */
  readonly what: string;
  readonly url: string;
  readonly items: (body: unknown) => readonly unknown[];
  readonly total?: (body: unknown) => unknown;
  readonly maxOffset?: number;
  readonly pass: TumblrListPass;
  readonly record: (item: unknown) => TumblrRecordOutcome;
  readonly save: (cursor: TumblrListCursor) => void;
  /** What a 403 or 404 means for this list, as a skip reason. */
  readonly refused: (refusal: TumblrRefusal) => string;
  /** Sees each page first; false stops the list there, before its items. */
  readonly page?: (page: TumblrPage) => boolean;
  /** Sees every record's outcome, known ones included. */
  readonly outcome?: (outcome: TumblrRecordOutcome) => void;
}

/**
 * Reads one blog's world: its posts (original posts, reblogs, mentions, links), the posts it liked
 * where its likes are public, and the notes (likes, reblogs, replies) on its latest original posts.
 * Each page becomes a batch.
 */
export class TumblrBlogReader {
  private blog: BlogRef | undefined;
  private readonly recent: RecentPost[] = [];

  constructor(
    private readonly run: TumblrRun,
    private readonly identifier: string,
  ) {
    if (BLOG_UUID.test(identifier)) this.blog = { uuid: identifier };
  }

  async *read(): AsyncGenerator<SourceBatch, void, undefined> {
    const { run } = this;
    if (this.blog !== undefined && run.blogsRead.has(this.blog.uuid)) return;
    yield* this.posts();
    const blog = this.blog;
    if (blog === undefined || run.abort.aborted) return;
    if (run.options.likes) yield* this.likes(blog);
    if (run.abort.aborted) return;
    yield* this.notes(blog);
  }

  private async *posts(): AsyncGenerator<SourceBatch, void, undefined> {
    const { run, identifier } = this;
    let stop = false;
    yield* this.list({
      what: `the posts of ${identifier}`,
      url: run.api.url(identifier, 'posts', { npf: 'true', notes_info: 'true', reblog_info: 'true', limit: String(run.options.perPage) }),
      items: (body) => tumblrList(valueAt(body, 'response.posts')),
      total: (body) => valueAt(body, 'response.total_posts'),
      pass: new TumblrListPass(run.blog(identifier).posts),
      record: (item) => postSignals(this.blog as BlogRef, item),
      save: (posts) => run.update(identifier, (cursor) => ({ ...cursor, posts })),
      refused: (refusal) => {
        // No such blog (or not shown): its likes and notes are not asked for either.
        this.blog = undefined;
        return `${refusal.message}: the blog ${identifier} is not read`;
      },
      page: (page) => {
        const answered = answerBlog(valueAt(page.body, 'response.blog'));
        if (answered !== undefined && (this.blog === undefined || this.blog.uuid === answered.uuid)) this.blog = answered;
        if (this.blog === undefined) {
          run.collector.skip(
            page.url,
            `the answer names no blog uuid (t:...), the only key that outlives a rename: nothing of ${identifier} is read`,
          );
          stop = true;
          return false;
        }
        if (page.number === 1 && run.blogsRead.has(this.blog.uuid)) {
          // The same blog under another identifier (a name and its uuid), read already in this run.
          this.blog = undefined;
          return false;
        }
        run.blogsRead.add(this.blog.uuid);
        run.collector.identity(blogIdentity(this.blog));
        return true;
      },
      outcome: (outcome) => {
        if (outcome.original !== undefined && this.recent.length < run.options.notesPosts) this.recent.push(outcome.original);
      },
    });
    if (stop) yield run.batch();
  }

  private async *likes(blog: BlogRef): AsyncGenerator<SourceBatch, void, undefined> {
    const { run, identifier } = this;
    yield* this.list({
      what: `the likes of ${identifier}`,
      url: run.api.url(blog.uuid, 'likes', { limit: String(run.options.perPage), npf: 'true' }),
      items: (body) => tumblrList(valueAt(body, 'response.liked_posts')),
      total: (body) => valueAt(body, 'response.liked_count'),
      maxOffset: LIKES_MAX_OFFSET,
      pass: new TumblrListPass(run.blog(identifier).likes),
      record: (item) => likedPost(blog, item),
      save: (likes) => run.update(identifier, (cursor) => ({ ...cursor, likes })),
      refused: (refusal) => `${refusal.message}: ${identifier} does not share its likes`,
    });
  }

  /** The notes of the latest original posts; a post whose note count has not moved is not asked about. */
  private async *notes(blog: BlogRef): AsyncGenerator<SourceBatch, void, undefined> {
    const { run, identifier } = this;
    if (run.options.notesPosts === 0) return;
    const known = run.blog(identifier).notes ?? {};
    const notes: Record<string, TumblrNotesCursor> = {};
    for (const post of this.recent) notes[post.id] = known[post.id] ?? {};
    // Posts that left the recent list are forgotten, so the cursor stays as small as the list.
    run.update(identifier, (cursor) => ({ ...cursor, notes }));
    for (const post of this.recent) {
      if (run.abort.aborted) return;
      const cursor = notes[post.id] ?? {};
      if (cursor.notes?.pass === undefined && post.noteCount !== undefined && (cursor.count === post.noteCount || post.noteCount === 0)) {
        if (cursor.count !== post.noteCount) this.saveNotes(post.id, (saved) => ({ ...saved, count: post.noteCount }));
        continue;
      }
      yield* this.list({
        what: `the notes of post ${post.id} of ${identifier}`,
        url: run.api.url(blog.uuid, 'notes', { id: post.id, mode: 'all' }),
        items: (body) => tumblrList(valueAt(body, 'response.notes')),
        pass: new TumblrListPass(cursor.notes),
        record: (item) => noteSignal(post, item),
        save: (list) =>
          this.saveNotes(post.id, (saved) => ({
            ...saved,
            notes: list,
            // The count is only true of the notes once they are read to the end.
            ...(list.pass === undefined && post.noteCount !== undefined ? { count: post.noteCount } : {}),
          })),
        refused: (refusal) => `${refusal.message}: the notes of post ${post.id} are not read`,
      });
    }
  }

  /**
   * Reads a list page by page, newest first, from where its cursor stands. What finished passes read
   * is dropped, and the list stops at the first page that reaches it (a pinned post, which sits first
   * whatever its date, does not count). The cursor after each page says where to go on; once the list
   * ends, or a loop guard ends it, the pass is finished.
   */
  private async *list(spec: ListSpec): AsyncGenerator<SourceBatch, void, undefined> {
    const { run } = this;
    const { pass } = spec;
    const pages = run.api.pages(spec.url, {
      items: spec.items,
      maxPages: run.options.maxPages,
      ...(spec.total === undefined ? {} : { total: spec.total }),
      ...(spec.maxOffset === undefined
        ? {}
        : {
            maxOffset: spec.maxOffset,
            onOffsetCap: (offset: number) => run.logger.debug({ list: spec.what, offset }, 'offset cap reached: older items are not read'),
          }),
      ...(pass.resumeFrom === undefined ? {} : { resumeFrom: pass.resumeFrom }),
    });
    // Set once a page without a next one is read: the pages then end without another request, and
    // the SDK logs why they ended.
    let finished = false;
    try {
      for (;;) {
        const step = await this.guard(spec.what, () => pages.next());
        if (step.done) {
          if (!finished) yield* this.ended(spec, step.value);
          return;
        }
        const page = step.value;
        if (spec.page !== undefined && !spec.page(page)) return;
        let reachedKnown = false;
        for (const [index, item] of page.items.entries()) {
          const outcome = spec.record(item);
          spec.outcome?.(outcome);
          if (outcome.seconds !== undefined) {
            if (!pass.isNew(outcome.seconds)) {
              if (outcome.pinned !== true) reachedKnown = true;
              continue;
            }
            pass.saw(outcome.seconds);
          }
          this.collect(outcome, `${page.url} (page ${page.number}, item ${index})`);
        }
        const next = reachedKnown ? undefined : page.next;
        finished = next === undefined;
        spec.save(next === undefined ? pass.finish() : pass.continueAt(next));
        yield run.batch();
        if (reachedKnown || run.abort.aborted) return;
      }
    } finally {
      await pages.return({ reason: 'last page' });
    }
  }

  /** After the last page: Tumblr refused the list, or a loop guard ended it early. */
  private async *ended(spec: ListSpec, end: TumblrPagesEnd): AsyncGenerator<SourceBatch, void, undefined> {
    const { run } = this;
    if ('refused' in end) {
      run.collector.skip(spec.url, spec.refused(end.refused));
    } else if (end.reason === 'page limit') {
      // The last page's cursor already says where the next run goes on.
      return;
    }
    // A guard (a page of items already seen, a link back to a page read) ends the pass here, so the
    // next run does not come back to the page that tripped it.
    spec.save(spec.pass.finish());
    yield run.batch();
  }

  private collect(outcome: TumblrRecordOutcome, where: string): void {
    const { collector } = this.run;
    for (const signal of outcome.signals) collector.signal(signal, where);
    for (const identity of outcome.identities) collector.identity(identity);
    if (outcome.rejected !== undefined) collector.reject(where, outcome.rejected);
    if (outcome.skipped !== undefined) collector.skip(where, outcome.skipped);
  }

  private saveNotes(postId: string, change: (cursor: TumblrNotesCursor) => TumblrNotesCursor): void {
    this.run.update(this.identifier, (blog) => ({ ...blog, notes: { ...blog.notes, [postId]: change(blog.notes?.[postId] ?? {}) } }));
  }

  /** Runs a request; a failure that outlived the client's retries names what was being read. */
  private async guard<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (this.run.abort.aborted) throw error;
      throw new TumblrReadError(what, error);
    }
  }
}
