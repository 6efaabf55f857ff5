import { type IdentityRef, type IdentityReport, relationSignalId, type Signal, signalId } from '@handshake/sdk';
import { flickrFlag, flickrInstant, flickrRecord, flickrText, shown } from './flickr-fields.js';
import { NSID } from './flickr-source-options.js';

export const FLICKR = 'flickr';

export function flickrIdentity(nsid: string): IdentityRef {
  return { network: FLICKR, id: nsid };
}

/** The profile page by NSID: it stays valid when the account changes its username or path alias. */
export function profileUrl(nsid: string): string {
  return `https://www.flickr.com/people/${nsid}/`;
}

export function photoUrl(owner: string, photoId: string): string {
  return `https://www.flickr.com/photos/${owner}/${photoId}/`;
}

/** What one record of a list became: a signal with the identities it names, or the reason it did not. */
export interface FlickrRecordOutcome {
  readonly signal?: Signal;
  readonly identities: readonly IdentityReport[];
  readonly rejected?: string;
  readonly skipped?: string;
  /** The record's date in unix seconds, when it has one: where the list stands. */
  readonly seconds?: number;
}

/** A photo of the account whose comments and favers are read. */
export interface FlickrPhoto {
  readonly id: string;
  readonly owner: string;
  readonly title?: string;
}

function rejected(reason: string, seconds?: number): FlickrRecordOutcome {
  return { identities: [], rejected: reason, ...(seconds === undefined ? {} : { seconds }) };
}

function skipped(reason: string, seconds?: number): FlickrRecordOutcome {
  return { identities: [], skipped: reason, ...(seconds === undefined ? {} : { seconds }) };
}

function nsidOf(value: unknown): string | undefined {
  const text = flickrText(value)?.trim();
  return text !== undefined && NSID.test(text) ? text : undefined;
}

function person(nsid: string, handle: unknown, displayName: unknown): IdentityReport {
  const name = flickrText(handle);
  const real = flickrText(displayName);
  return {
    ...flickrIdentity(nsid),
    ...(name === undefined ? {} : { handle: name }),
    ...(real === undefined ? {} : { displayName: real }),
    url: profileUrl(nsid),
  };
}

/**
 * What `flickr.people.getInfo` says of an account. Its `profileurl` names the path alias, which can
 * change; every report of an identity gives the same URL, the one by NSID.
 */
export function profileIdentity(nsid: string, body: unknown): IdentityReport {
  const record = flickrRecord(flickrRecord(body)?.person);
  return person(nsid, record?.username, record?.realname);
}

/** When a list without dates was produced: the answer's `Date`, as the text it came from. */
export interface ListedAt {
  readonly at: string;
  readonly rawAt?: string;
}

/** A contact in `flickr.contacts.getPublicList`: the account follows it. Contacts carry no date of their own. */
export function contactFollow(account: string, item: unknown, listed: ListedAt): FlickrRecordOutcome {
  const record = flickrRecord(item);
  if (record === undefined) return rejected(`expected a contact object, received ${shown(item)}`);
  const nsid = nsidOf(record.nsid);
  if (nsid === undefined) return rejected(`nsid: expected an NSID such as 12037949629@N01, received ${shown(record.nsid)}`);
  if (nsid === account) return skipped('the account lists itself as a contact: no relationship in it');
  const marks = [flickrFlag(record.friend) ? 'friend' : undefined, flickrFlag(record.family) ? 'family' : undefined].filter(Boolean);
  const actor = flickrIdentity(account);
  const subject = flickrIdentity(nsid);
  return {
    signal: {
      id: relationSignalId(FLICKR, 'follow', actor, subject),
      network: FLICKR,
      kind: 'follow',
      actor,
      subject,
      ...listed,
      object: { url: profileUrl(nsid), ...(marks.length === 0 ? {} : { text: `marked as ${marks.join(' and ')}` }) },
    },
    identities: [person(nsid, record.username, record.realname)],
  };
}

/** The id of "this person faved this photo", the same whether it was read from their favorites or from the photo's favers. */
function faveId(photoId: string, faver: string): string {
  return signalId(FLICKR, `photo/${photoId}/fave/${faver}`);
}

/** A photo in `flickr.favorites.getPublicList` (with `extras=owner_name,date_upload`): the account liked its owner's photo. */
export function favoriteLike(account: string, item: unknown): FlickrRecordOutcome {
  const record = flickrRecord(item);
  if (record === undefined) return rejected(`expected a photo object, received ${shown(item)}`);
  const faved = flickrInstant(record.date_faved);
  const photoId = flickrText(record.id);
  const owner = nsidOf(record.owner);
  if (faved === undefined) return rejected(`date_faved: expected unix seconds, received ${shown(record.date_faved)}`);
  if (photoId === undefined) return rejected('id: the favorite names no photo', faved.seconds);
  if (owner === undefined) return rejected(`owner: expected an NSID, received ${shown(record.owner)}`, faved.seconds);
  if (owner === account) return skipped(`a favorite of the account's own photo ${photoId}: no relationship in it`, faved.seconds);
  const title = flickrText(record.title);
  return {
    signal: {
      id: faveId(photoId, account),
      network: FLICKR,
      kind: 'like',
      actor: flickrIdentity(account),
      subject: flickrIdentity(owner),
      at: faved.at,
      rawAt: faved.rawAt,
      object: { url: photoUrl(owner, photoId), ...(title === undefined ? {} : { text: title }) },
    },
    identities: [person(owner, undefined, record.ownername)],
    seconds: faved.seconds,
  };
}

/** A comment in `flickr.photos.comments.getList`: its author commented on the photo's owner's work. */
export function photoComment(photo: FlickrPhoto, item: unknown): FlickrRecordOutcome {
  const record = flickrRecord(item);
  if (record === undefined) return rejected(`expected a comment object, received ${shown(item)}`);
  const created = flickrInstant(record.datecreate);
  const id = flickrText(record.id);
  if (created === undefined) return rejected(`datecreate: expected unix seconds, received ${shown(record.datecreate)}`);
  if (id === undefined) return rejected('id: the comment has no id', created.seconds);
  if (flickrFlag(record.author_is_deleted)) return skipped(`comment ${id}: its author's account is deleted`, created.seconds);
  const author = nsidOf(record.author);
  if (author === undefined) return rejected(`author: expected an NSID, received ${shown(record.author)}`, created.seconds);
  if (author === photo.owner)
    return skipped(`comment ${id}: the owner's own comment on their photo, no relationship in it`, created.seconds);
  const text = flickrText(record._content);
  return {
    signal: {
      id: signalId(FLICKR, `comment/${id}`),
      network: FLICKR,
      kind: 'comment',
      actor: flickrIdentity(author),
      subject: flickrIdentity(photo.owner),
      at: created.at,
      rawAt: created.rawAt,
      object: { url: flickrText(record.permalink) ?? photoUrl(photo.owner, photo.id), ...(text === undefined ? {} : { text }) },
    },
    identities: [person(author, record.authorname, record.realname)],
    seconds: created.seconds,
  };
}

/** A person in `flickr.photos.getFavorites`: they liked the photo's owner's work. */
export function photoFaver(photo: FlickrPhoto, item: unknown): FlickrRecordOutcome {
  const record = flickrRecord(item);
  if (record === undefined) return rejected(`expected a person object, received ${shown(item)}`);
  const faved = flickrInstant(record.favedate);
  const faver = nsidOf(record.nsid);
  if (faved === undefined) return rejected(`favedate: expected unix seconds, received ${shown(record.favedate)}`);
  if (faver === undefined) return rejected(`nsid: expected an NSID, received ${shown(record.nsid)}`, faved.seconds);
  if (faver === photo.owner) return skipped(`the owner faved their own photo ${photo.id}: no relationship in it`, faved.seconds);
  return {
    signal: {
      id: faveId(photo.id, faver),
      network: FLICKR,
      kind: 'like',
      actor: flickrIdentity(faver),
      subject: flickrIdentity(photo.owner),
      at: faved.at,
      rawAt: faved.rawAt,
      object: { url: photoUrl(photo.owner, photo.id), ...(photo.title === undefined ? {} : { text: photo.title }) },
    },
    identities: [person(faver, record.username, record.realname)],
    seconds: faved.seconds,
  };
}
