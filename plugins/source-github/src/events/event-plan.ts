import type { SignalKind, SignalObject } from '@handshake/sdk';
import { type GithubUser, readGithubUser } from '../accounts/github-user.js';
import { type GithubEvent, isJsonObject } from './github-event.js';

/** What an event becomes before its repository's owner is known. */
export type EventPlan =
  | {
      readonly kind: SignalKind;
      /** The owner of the event's repository, found from the payload or a lookup, or an account the payload names. */
      readonly subject: 'repository owner' | GithubUser;
      readonly object: SignalObject;
    }
  | { readonly skip: string }
  | { readonly reject: string };

/** Titles are for a person reading a reason, so they stay short. */
const TITLE_LENGTH = 140;

/**
 * The events that say something about a relationship, and what each becomes:
 * - a comment on an issue, a pull request or a commit → `comment` to the repository's owner;
 * - an issue, a pull request, a review → `contribution` to the repository's owner;
 * - a star (`WatchEvent`) → `like`, a fork → `share` (of the owner's work);
 * - a collaborator added (`MemberEvent` `added`, which GitHub emits once the invitation is accepted) →
 *   `connection` to the member: both sides agreed to work in one repository, so the tie is mutual by nature;
 * - `FollowEvent`, which GitHub no longer emits but old timelines hold → `follow`.
 * Pushes, branches, releases, wiki edits and the like happen inside a repository without anyone else: skipped.
 */
export function planEvent(event: GithubEvent): EventPlan {
  const payload = event.payload;
  const issue = isJsonObject(payload.issue) ? payload.issue : undefined;
  const pull = isJsonObject(payload.pull_request) ? payload.pull_request : undefined;
  switch (event.type) {
    case 'IssueCommentEvent':
      return toOwner('comment', itemObject(event, issue));
    case 'PullRequestReviewCommentEvent':
      return toOwner('comment', itemObject(event, pull));
    case 'CommitCommentEvent': {
      const comment = isJsonObject(payload.comment) ? payload.comment : {};
      const sha = typeof comment.commit_id === 'string' ? comment.commit_id.slice(0, 7) : undefined;
      const url = typeof comment.html_url === 'string' ? comment.html_url : repositoryPage(event);
      return toOwner('comment', { ...(url && { url }), text: sha ? `commit ${sha}` : 'a commit' });
    }
    case 'IssuesEvent':
      return toOwner('contribution', itemObject(event, issue));
    case 'PullRequestEvent':
    case 'PullRequestReviewEvent':
      return toOwner('contribution', itemObject(event, pull));
    case 'WatchEvent':
      return toOwner('like', repositoryObject(event));
    case 'ForkEvent':
      return toOwner('share', repositoryObject(event));
    case 'MemberEvent': {
      if (payload.action !== 'added') return { skip: `MemberEvent "${String(payload.action)}": only an added collaborator is a tie` };
      const member = readGithubUser(payload.member);
      if ('problem' in member) return { reject: `MemberEvent: member: ${member.problem}` };
      return { kind: 'connection', subject: member, object: repositoryObject(event) };
    }
    case 'FollowEvent': {
      const target = readGithubUser(payload.target);
      if ('problem' in target) return { reject: `FollowEvent: target: ${target.problem}` };
      return { kind: 'follow', subject: target, object: {} };
    }
    default:
      return { skip: `${event.type}: not a relationship fact` };
  }
}

function toOwner(kind: SignalKind, object: SignalObject): EventPlan {
  return { kind, subject: 'repository owner', object };
}

/** The issue or pull request page, and its title. */
function itemObject(event: GithubEvent, item: Readonly<Record<string, unknown>> | undefined): SignalObject {
  const url = (typeof item?.html_url === 'string' && item.html_url) || webPage(item?.url) || repositoryPage(event);
  const title = typeof item?.title === 'string' ? shorten(item.title) : undefined;
  return { ...(url && { url }), ...(title && { text: title }) };
}

function repositoryObject(event: GithubEvent): SignalObject {
  const url = repositoryPage(event);
  return { ...(url && { url }), ...(event.repositoryName && { text: event.repositoryName }) };
}

function repositoryPage(event: GithubEvent): string | undefined {
  return event.repositoryName === undefined ? undefined : `https://github.com/${event.repositoryName}`;
}

/** The web page of an API URL, for old payloads without `html_url`: `/repos/o/r/pulls/3` is `github.com/o/r/pull/3`. */
function webPage(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  const match = /^https:\/\/api\.github\.com\/repos\/([^/]+\/[^/]+)(\/(?:issues|pulls)\/\d+)?$/.exec(url);
  if (!match) return undefined;
  return `https://github.com/${match[1]}${(match[2] ?? '').replace('/pulls/', '/pull/')}`;
}

function shorten(text: string): string | undefined {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line === '') return undefined;
  return line.length > TITLE_LENGTH ? `${line.slice(0, TITLE_LENGTH - 1)}…` : line;
}

/**
 * The repository's owner when the payload names it: a webhook-style `repository.owner`, or the base
 * repository of a pull request. Old and new payloads differ; both are read when present.
 */
export function payloadOwner(event: GithubEvent): GithubUser | undefined {
  const candidates: unknown[] = [];
  const payload = event.payload;
  if (isJsonObject(payload.repository)) candidates.push(payload.repository);
  const pull = isJsonObject(payload.pull_request) ? payload.pull_request : undefined;
  if (pull && isJsonObject(pull.base) && isJsonObject(pull.base.repo)) candidates.push(pull.base.repo);
  for (const repository of candidates) {
    if (!isJsonObject(repository)) continue;
    const owner = readGithubUser(repository.owner);
    if ('problem' in owner) continue;
    // The payload's repository must be the event's: by full name when it gives one, else by its owner's login.
    const name = typeof repository.full_name === 'string' ? repository.full_name : `${owner.login}/${String(repository.name)}`;
    if (name.toLowerCase() === event.repositoryName?.toLowerCase()) return owner;
  }
  return undefined;
}
