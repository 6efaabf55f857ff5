import type { FacebookPerson } from '../facebook-person.js';
import type { ReadingContext } from '../reading-context.js';
import type { TitleAttribution } from '../title-attribution.js';

/** Whose post (or comment, photo) the owner commented on or reacted to, as the record's title says; never the owner. */
export function titleCounterpart(context: ReadingContext, attribution: TitleAttribution | undefined, title: unknown): FacebookPerson {
  if (attribution?.own) return { ok: false, reason: "on the owner's own post" };
  if (!attribution?.counterpart) {
    return { ok: false, reason: `the title does not say whose post it was (${JSON.stringify(typeof title === 'string' ? title : null)})` };
  }
  const person = context.person(attribution.counterpart);
  if (person.ok && context.isOwner(person.ref)) return { ok: false, reason: "on the owner's own post" };
  return person;
}
