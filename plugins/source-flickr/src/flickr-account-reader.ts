import { type SourceBatch, valueAt } from '@handshake/sdk';
import type { FlickrPage, FlickrPagesEnd } from './flickr-api.js';
import type { FlickrListCursor, FlickrPhotoCursor } from './flickr-cursor.js';
import { flickrList, flickrNumber, flickrRecord, flickrText, isoSeconds } from './flickr-fields.js';
import { FlickrListPass } from './flickr-list-pass.js';
import { FlickrReadError } from './flickr-read-error.js';
import {
  contactFollow,
  type FlickrPhoto,
  type FlickrRecordOutcome,
  favoriteLike,
  flickrIdentity,
  type ListedAt,
  photoComment,
  photoFaver,
  profileIdentity,
} from './flickr-records.js';
import type { FlickrRun } from './flickr-run.js';

/** getFavorites answers at most 50 favers a page. */
const FAVERS_PER_PAGE = 50;

/** How one list is read: its method and parameters, where its items are, what each becomes, and where its cursor lives. */
interface ListSpec {
  /** For errors: `the contacts of 12037949629@N01`. */
  readonly what: string;
  readonly method: string;
  readonly parameters: Readonly<Record<string, string | undefined>>;
  readonly items: (body: unknown) => readonly unknown[];
  readonly pass: FlickrListPass;
  readonly record: (item: unknown, page: FlickrPage) => FlickrRecordOutcome;
  /** Stores the list's cursor in the account's. */
  readonly save: (cursor: FlickrListCursor) => void;
  /** Called with the first page, for what it says of the whole list (a total). */
  readonly first?: (page: FlickrPage) => void;
}

/**
 * Reads one account's world: its profile, whom it follows (public contacts), whose photos it faved,
 * and on its latest photos, who commented and who faved. Each page becomes a batch.
 */
export class FlickrAccountReader {
  constructor(
    private readonly run: FlickrRun,
    private readonly nsid: string,
  ) {}

  async *read(): AsyncGenerator<SourceBatch, void, undefined> {
    if (!(await this.profile())) {
      yield this.run.batch();
      return;
    }
    yield* this.contacts();
    if (this.run.abort.aborted) return;
    yield* this.favorites();
    if (this.run.abort.aborted) return;
    yield* this.photos();
  }

  /** Reads the profile when it is due; false when Flickr says the account is not there. */
  private async profile(): Promise<boolean> {
    const { run, nsid } = this;
    const now = run.clock.now();
    const readAt = run.account(nsid).profileAt;
    if (readAt !== undefined && now - readAt < run.options.refresh) return true;
    const answer = await this.guard(`the profile of ${nsid}`, () => run.api.call('flickr.people.getInfo', { user_id: nsid }));
    if ('missing' in answer) {
      run.collector.skip(answer.url, `${answer.missing}: nothing of ${nsid} is read`);
      return false;
    }
    run.collector.identity(profileIdentity(nsid, answer.body));
    run.update(nsid, (cursor) => ({ ...cursor, profileAt: now }));
    return true;
  }

  private async *contacts(): AsyncGenerator<SourceBatch, void, undefined> {
    const { run, nsid } = this;
    const cursor = run.account(nsid).contacts;
    // Contacts carry no dates: a finished list is read again only once it is due.
    if (cursor?.pass === undefined && cursor?.readAt !== undefined && run.clock.now() - cursor.readAt < run.options.refresh) return;
    yield* this.list({
      what: `the contacts of ${nsid}`,
      method: 'flickr.contacts.getPublicList',
      parameters: { user_id: nsid, per_page: String(run.options.perPage) },
      items: (body) => flickrList(valueAt(body, 'contacts.contact')),
      pass: new FlickrListPass(cursor, () => run.clock.now()),
      record: (item, page) => contactFollow(nsid, item, this.listedAt(page)),
      save: (contacts) => run.update(nsid, (account) => ({ ...account, contacts })),
      first: (page) => {
        const total = flickrNumber(valueAt(page.body, 'contacts.total'));
        if (total !== undefined) run.collector.identity({ ...flickrIdentity(nsid), followingCount: total });
      },
    });
  }

  private async *favorites(): AsyncGenerator<SourceBatch, void, undefined> {
    const { run, nsid } = this;
    const cursor = run.account(nsid).favorites;
    const pass = new FlickrListPass(cursor, () => run.clock.now(), Math.floor(run.clock.now() / 1000));
    yield* this.list({
      what: `the favorites of ${nsid}`,
      method: 'flickr.favorites.getPublicList',
      parameters: {
        user_id: nsid,
        extras: 'owner_name,date_upload',
        per_page: String(run.options.perPage),
        min_fave_date: pass.since === undefined ? undefined : String(pass.since),
        // A fixed upper bound keeps the pages of one pass where they are while new favorites arrive.
        max_fave_date: pass.until === undefined ? undefined : String(pass.until),
      },
      items: (body) => flickrList(valueAt(body, 'photos.photo')),
      pass,
      record: (item) => favoriteLike(nsid, item),
      save: (favorites) => run.update(nsid, (account) => ({ ...account, favorites })),
    });
  }

  /** The latest public photos: who commented on them and who faved them. */
  private async *photos(): AsyncGenerator<SourceBatch, void, undefined> {
    const { run, nsid } = this;
    if (run.options.recentPhotos === 0) return;
    const answer = await this.guard(`the recent photos of ${nsid}`, () =>
      run.api.call('flickr.people.getPublicPhotos', {
        user_id: nsid,
        per_page: String(run.options.recentPhotos),
        page: '1',
        // The counts, where Flickr gives them, spare the calls for photos nobody touched since the last run.
        extras: 'date_upload,count_comments,count_faves',
      }),
    );
    if ('missing' in answer) {
      run.collector.skip(answer.url, `${answer.missing}: no photos of ${nsid} are read`);
      yield run.batch();
      return;
    }
    const known = run.account(nsid).photos ?? {};
    const recent: { photo: FlickrPhoto; comments?: number; faves?: number }[] = [];
    const photos: Record<string, FlickrPhotoCursor> = {};
    for (const [index, item] of flickrList(valueAt(answer.body, 'photos.photo')).entries()) {
      const record = flickrRecord(item);
      const id = flickrText(record?.id);
      if (id === undefined) {
        run.collector.reject(`${answer.url} (item ${index})`, 'id: the photo has no id, its comments and favers cannot be asked for');
        continue;
      }
      const title = flickrText(record?.title);
      const comments = flickrNumber(record?.count_comments);
      const faves = flickrNumber(record?.count_faves);
      recent.push({
        photo: { id, owner: nsid, ...(title === undefined ? {} : { title }) },
        ...(comments === undefined ? {} : { comments }),
        ...(faves === undefined ? {} : { faves }),
      });
      photos[id] = known[id] ?? {};
    }
    // Photos that left the recent list are forgotten, so the cursor stays as small as the list.
    run.update(nsid, (account) => ({ ...account, photos }));
    for (const entry of recent) {
      if (run.abort.aborted) return;
      yield* this.comments(entry.photo, entry.comments);
      if (run.abort.aborted) return;
      yield* this.favers(entry.photo, entry.faves);
    }
  }

  private async *comments(photo: FlickrPhoto, count: number | undefined): AsyncGenerator<SourceBatch, void, undefined> {
    const { run, nsid } = this;
    const cursor = this.photoCursor(photo.id);
    if (count !== undefined && cursor.commentCount === count) return;
    if (count === 0) {
      // Nothing to ask for; the count is remembered so the photo is asked about once someone comments.
      this.savePhoto(photo.id, (saved) => ({ ...saved, commentCount: 0 }));
      return;
    }
    const since = cursor.comments;
    const answer = await this.guard(`the comments on photo ${photo.id} of ${nsid}`, () =>
      run.api.call('flickr.photos.comments.getList', {
        photo_id: photo.id,
        min_comment_date: since === undefined ? undefined : String(since),
      }),
    );
    if ('missing' in answer) {
      run.collector.skip(answer.url, `${answer.missing}: the photo's comments are not read`);
      yield run.batch();
      return;
    }
    let newest = since;
    for (const [index, item] of flickrList(valueAt(answer.body, 'comments.comment')).entries()) {
      const outcome = photoComment(photo, item);
      if (outcome.seconds !== undefined) {
        if (since !== undefined && outcome.seconds <= since) continue;
        newest = Math.max(newest ?? outcome.seconds, outcome.seconds);
      }
      this.collect(outcome, `${answer.url} (item ${index})`);
    }
    this.savePhoto(photo.id, (saved) => ({
      ...saved,
      ...(newest === undefined ? {} : { comments: newest }),
      ...(count === undefined ? {} : { commentCount: count }),
    }));
    yield run.batch();
  }

  private async *favers(photo: FlickrPhoto, count: number | undefined): AsyncGenerator<SourceBatch, void, undefined> {
    const { run, nsid } = this;
    const cursor = this.photoCursor(photo.id);
    if (cursor.faves?.pass === undefined && count !== undefined && (cursor.faveCount === count || count === 0)) {
      if (cursor.faveCount !== count) this.savePhoto(photo.id, (saved) => ({ ...saved, faveCount: count }));
      return;
    }
    yield* this.list({
      what: `the favers of photo ${photo.id} of ${nsid}`,
      method: 'flickr.photos.getFavorites',
      parameters: { photo_id: photo.id, per_page: String(FAVERS_PER_PAGE) },
      items: (body) => flickrList(valueAt(body, 'photo.person')),
      pass: new FlickrListPass(cursor.faves, () => run.clock.now()),
      record: (item) => photoFaver(photo, item),
      save: (faves) =>
        this.savePhoto(photo.id, (saved) => ({
          ...saved,
          faves,
          // The count is only true of the favers once the whole list is read.
          ...(faves.pass === undefined && count !== undefined ? { faveCount: count } : {}),
        })),
    });
  }

  /**
   * Reads a list page by page, newest first, from where its cursor stands. A dated list drops what
   * finished passes read and stops at the first page that reaches it. The cursor after each page says
   * where to go on; once the list ends (or a loop guard ends it), the pass is finished.
   */
  private async *list(spec: ListSpec): AsyncGenerator<SourceBatch, void, undefined> {
    const { run } = this;
    const { pass } = spec;
    const pages = run.api.pages(spec.method, spec.parameters, {
      items: spec.items,
      maxPages: run.options.maxPages,
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
        if (page.number === 1) spec.first?.(page);
        let reachedKnown = false;
        for (const [index, item] of page.items.entries()) {
          const outcome = spec.record(item, page);
          if (outcome.seconds !== undefined) {
            if (!pass.isNew(outcome.seconds)) {
              reachedKnown = true;
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

  /** After the last page: Flickr said the user or photo is gone, or a loop guard ended the list early. */
  private async *ended(spec: ListSpec, end: FlickrPagesEnd): AsyncGenerator<SourceBatch, void, undefined> {
    const { run } = this;
    if ('missing' in end) {
      run.collector.skip(run.api.url(spec.method, spec.parameters), `${end.missing}: ${spec.what} are not read`);
    } else if (end.reason === 'page limit') {
      // The last page's cursor already says where the next run goes on.
      return;
    }
    // A guard (a page of items already seen, an empty page that names a next one) ends the pass here,
    // so the next run does not come back to the page that tripped it.
    spec.save(spec.pass.finish());
    yield run.batch();
  }

  /**
   * A contact has no date: its follow is dated by when Flickr produced the list (the answer's `Date`),
   * as a feed's blogroll is by its `Last-Modified`; the clock only when the answer names no date. The
   * same follow read again keeps its id, so the ledger keeps the first date it learned.
   */
  private listedAt(page: FlickrPage): ListedAt {
    const date = page.date === undefined ? Number.NaN : Date.parse(page.date);
    if (Number.isNaN(date)) return { at: isoSeconds(this.run.clock.now()) };
    return { at: isoSeconds(date), rawAt: page.date as string };
  }

  private collect(outcome: FlickrRecordOutcome, where: string): void {
    const { collector } = this.run;
    if (outcome.signal !== undefined) collector.signal(outcome.signal, where);
    for (const identity of outcome.identities) collector.identity(identity);
    if (outcome.rejected !== undefined) collector.reject(where, outcome.rejected);
    if (outcome.skipped !== undefined) collector.skip(where, outcome.skipped);
  }

  private photoCursor(photoId: string): FlickrPhotoCursor {
    return this.run.account(this.nsid).photos?.[photoId] ?? {};
  }

  private savePhoto(photoId: string, change: (cursor: FlickrPhotoCursor) => FlickrPhotoCursor): void {
    this.run.update(this.nsid, (account) => ({
      ...account,
      photos: { ...account.photos, [photoId]: change(account.photos?.[photoId] ?? {}) },
    }));
  }

  /** Runs a request; a failure that outlived the client's retries names what was being read. */
  private async guard<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (this.run.abort.aborted) throw error;
      throw new FlickrReadError(what, error);
    }
  }
}
