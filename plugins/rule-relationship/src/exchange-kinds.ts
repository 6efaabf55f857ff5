import type { SignalKind } from '@handshake/sdk';

/** Kinds by which one person reaches another; posts, shut-outs and introductions are not exchanges. */
export const EXCHANGE_KINDS: readonly SignalKind[] = [
  'connection',
  'follow',
  'mention',
  'reply',
  'comment',
  'share',
  'like',
  'message',
  'link',
  'contribution',
  'endorsement',
];

/**
 * How much one exchange says about a tie. Intimacy was one of the strongest predictors of tie
 * strength in Gilbert and Karahalios (CHI 2009): a message or a reply costs its author more, and
 * means more, than a like or a follow.
 */
export const EXCHANGE_WEIGHTS: Readonly<Partial<Record<SignalKind, number>>> = {
  message: 3,
  contribution: 3,
  reply: 2.5,
  comment: 2,
  mention: 1.5,
  share: 1.5,
  link: 1.5,
  endorsement: 1.5,
  connection: 1,
  like: 0.5,
  follow: 0.5,
};

/** Kinds in which the actor speaks to the subject: what answers, and what goes unanswered. */
export const CONVERSATION_KINDS: readonly SignalKind[] = ['message', 'reply', 'mention', 'comment'];
