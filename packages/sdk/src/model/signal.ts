import type { IdentityRef } from './identity.js';

/** Every kind of fact a source can observe. The order is stable: the ledger stores the index. */
export const SIGNAL_KINDS = [
  'follow',
  'connection',
  'mention',
  'reply',
  'comment',
  'share',
  'like',
  'message',
  'post',
  'link',
  'contribution',
  'endorsement',
  'block',
  'mute',
  'introduction',
] as const;

export type SignalKind = (typeof SIGNAL_KINDS)[number];

const signalKindSet: ReadonlySet<string> = new Set(SIGNAL_KINDS);

export function isSignalKind(value: unknown): value is SignalKind {
  return typeof value === 'string' && signalKindSet.has(value);
}

/** How an introduction went, carried by `introduction` signals. */
export type IntroductionOutcome = 'asked' | 'made' | 'declined' | 'no-answer';

/** What a signal is about: a post, a message, a shared link. Every field is optional. */
export interface SignalObject {
  readonly url?: string;
  readonly text?: string;
  readonly topics?: readonly string[];
  readonly links?: readonly string[];
  /** For `introduction`: the person the introduction was about. */
  readonly about?: IdentityRef;
  readonly outcome?: IntroductionOutcome;
  /** For `message`: how many people the conversation had; group talk counts apart from one-to-one. */
  readonly participants?: number;
}

/**
 * One normalized fact: `actor` did `kind` to or about `subject` at `at`.
 * The same fact imported twice has the same `id`.
 */
export interface Signal {
  readonly id: string;
  readonly network: string;
  readonly kind: SignalKind;
  readonly actor: IdentityRef;
  readonly subject: IdentityRef;
  /** ISO-8601 instant in UTC. */
  readonly at: string;
  /** The timestamp text exactly as the source gave it, when it differs from `at`. */
  readonly rawAt?: string;
  /** The configured source that produced it; set by the host, not by the plugin. */
  readonly source?: string;
  readonly object?: SignalObject;
}
