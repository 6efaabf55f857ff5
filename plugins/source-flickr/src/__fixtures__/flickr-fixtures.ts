import type { FixtureAnswer, FixtureResponse, FixtureRoute } from '@handshake/testing';

/** A key that must never show up in a log line, an error or a cursor. */
export const CANARY_KEY = 'CANARY-flickr-key-7f3a9c21e5';

export const ADA = '11111111111@N01';
export const DAN = '22222222222@N02';
export const GRACE = '33333333333@N03';
export const ERIC = '12037949629@N01';
export const NEB = '12037949631@N01';
export const CAL = '41578656547@N01';

export const REST_PATH = '/services/rest/';

/** A success as Flickr's JSON writes it: the method's root element and `stat`. */
export function flickrOk(root: string, value: unknown): FixtureResponse {
  return { body: { [root]: value, stat: 'ok' } };
}

/** An error as Flickr answers it: HTTP 200, `stat: fail`. */
export function flickrFail(code: number | string, message: string): FixtureResponse {
  return { body: { stat: 'fail', code, message } };
}

/** A route for one REST method; `query` narrows it to some arguments. */
export function restRoute(
  method: string,
  query: Readonly<Record<string, string>>,
  responses: FixtureAnswer | readonly FixtureAnswer[],
): FixtureRoute {
  return { path: REST_PATH, query: { method, ...query }, responses };
}

/** `flickr.people.getInfo`, with its element texts as `_content` objects. */
export function personInfo(nsid: string, username: string, realname?: string): FixtureResponse {
  const alias = username.toLowerCase();
  return flickrOk('person', {
    id: nsid,
    nsid,
    ispro: 0,
    is_deleted: 0,
    iconserver: '65535',
    iconfarm: 66,
    path_alias: alias,
    username: { _content: username },
    ...(realname === undefined ? {} : { realname: { _content: realname } }),
    location: { _content: '' },
    description: { _content: '' },
    photosurl: { _content: `https://www.flickr.com/photos/${alias}/` },
    profileurl: { _content: `https://www.flickr.com/people/${alias}/` },
    photos: { firstdate: { _content: '1104537600' }, count: { _content: 12 } },
  });
}

/** One page of `flickr.contacts.getPublicList`: `page` a number, `pages` and `total` strings, as Flickr mixes them. */
export function contactsPage(page: number, pages: number, total: number, contact: unknown[]): FixtureResponse {
  return {
    ...flickrOk('contacts', { page, pages: String(pages), per_page: 2, perpage: 2, total: String(total), contact }),
    headers: { date: LISTED_AT },
  };
}

/** When the fixture server says it produced a contact list: a contact's only date. */
export const LISTED_AT = 'Sat, 10 Jan 2026 11:59:00 GMT';

export function contact(nsid: string, username: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { nsid, username, iconserver: '1', iconfarm: 1, ignored: 0, rev_ignored: 0, ...extra };
}

/** A page of photos (`favorites.getPublicList`, `people.getPublicPhotos`). */
export function photosPage(photo: unknown[], page = 1, pages = 1): FixtureResponse {
  return flickrOk('photos', { page, pages, perpage: 100, total: String(photo.length), photo });
}

export function favoritePhoto(id: string, owner: string, ownername: string, dateFaved: string, title = ''): Record<string, unknown> {
  return {
    id,
    owner,
    secret: 'a1b2c3d4e5',
    server: '65535',
    farm: 66,
    title,
    ispublic: 1,
    isfriend: 0,
    isfamily: 0,
    dateupload: '1760000000',
    ownername,
    date_faved: dateFaved,
  };
}

export function publicPhoto(
  id: string,
  owner: string,
  title: string,
  counts: { comments?: string; faves?: string } = {},
): Record<string, unknown> {
  return {
    id,
    owner,
    secret: 'f6e5d4c3b2',
    server: '65535',
    farm: 66,
    title,
    ispublic: 1,
    isfriend: 0,
    isfamily: 0,
    dateupload: '1766000000',
    ...(counts.comments === undefined ? {} : { count_comments: counts.comments }),
    ...(counts.faves === undefined ? {} : { count_faves: counts.faves }),
  };
}

/** `flickr.photos.comments.getList`; a photo without comments has no `comment` key at all. */
export function commentsOf(photoId: string, comment?: unknown[]): FixtureResponse {
  return flickrOk('comments', { photo_id: photoId, ...(comment === undefined ? {} : { comment }) });
}

export function comment(
  id: string,
  author: string,
  authorname: string,
  datecreate: string,
  text: string,
  extra: Record<string, unknown> = {},
) {
  return {
    id,
    author,
    author_is_deleted: 0,
    authorname,
    datecreate,
    permalink: `https://www.flickr.com/photos/dan/5301/#comment${id.split('-').pop()}`,
    path_alias: authorname.toLowerCase(),
    realname: '',
    _content: text,
    ...extra,
  };
}

/** `flickr.photos.getFavorites`: the page fields sit on the `photo` root beside the people. */
export function faversOf(photoId: string, person: unknown[], page = 1, pages = 1): FixtureResponse {
  return flickrOk('photo', {
    person,
    id: photoId,
    secret: 'f6e5d4c3b2',
    server: '65535',
    farm: 66,
    page,
    pages,
    perpage: 50,
    total: String(person.length),
  });
}

export function faver(nsid: string, username: string, favedate: string, realname = ''): Record<string, unknown> {
  return { nsid, username, realname, favedate, iconserver: '0', iconfarm: 0, contact: 0, ispro: 0 };
}
