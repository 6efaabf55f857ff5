interface TieAggregate {
  readonly actor: number;
  readonly subject: number;
  readonly kind: number;
  count: number;
  first: number;
  last: number;
}

interface TopicAggregate {
  readonly identity: number;
  readonly topic: string;
  count: number;
  last: number;
}

/**
 * Folds a transaction's new signals into per-pair and per-topic aggregates in memory, so the
 * ledger writes one row per (actor, subject, kind) and per (identity, topic) instead of one per signal.
 */
export class BatchFold {
  private readonly ties = new Map<string, TieAggregate>();
  private readonly topics = new Map<string, TopicAggregate>();

  addTie(actor: number, subject: number, kind: number, time: number): void {
    const key = `${actor},${subject},${kind}`;
    const tie = this.ties.get(key);
    if (tie === undefined) {
      this.ties.set(key, { actor, subject, kind, count: 1, first: time, last: time });
      return;
    }
    tie.count++;
    if (time < tie.first) tie.first = time;
    if (time > tie.last) tie.last = time;
  }

  addTopic(identity: number, topic: string, time: number): void {
    const key = `${identity}\u0000${topic}`;
    const aggregate = this.topics.get(key);
    if (aggregate === undefined) {
      this.topics.set(key, { identity, topic, count: 1, last: time });
      return;
    }
    aggregate.count++;
    if (time > aggregate.last) aggregate.last = time;
  }

  tieAggregates(): IterableIterator<Readonly<TieAggregate>> {
    return this.ties.values();
  }

  topicAggregates(): IterableIterator<Readonly<TopicAggregate>> {
    return this.topics.values();
  }
}

/** Topics as the ledger keeps them: lower case, without a leading `#`, trimmed. */
export function normalizeTopic(topic: string): string {
  return topic.trim().replace(/^#+/, '').toLowerCase();
}
