import type { DecisionStatus } from '@handshake/sdk';

const DURATION_BUCKETS = [0.1, 0.5, 1, 5, 15, 60, 300, 1800];

interface SourceMetrics {
  plugin: string;
  stored: number;
  duplicate: number;
  rejected: number;
  polls: { ok: number; failed: number };
  errors: number;
  durationSum: number;
  durationBuckets: number[];
  quarantined: boolean;
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** What the daemon counts, written in the Prometheus text format for `/metrics`. */
export class DaemonMetrics {
  private readonly sources = new Map<string, SourceMetrics>();
  private readonly decisions: Record<DecisionStatus, number> = { ask: 0, 'warm-up': 0, hold: 0 };
  private decisionsChanged = 0;

  source(id: string, plugin: string): SourceMetrics {
    let metrics = this.sources.get(id);
    if (!metrics) {
      metrics = {
        plugin,
        stored: 0,
        duplicate: 0,
        rejected: 0,
        polls: { ok: 0, failed: 0 },
        errors: 0,
        durationSum: 0,
        durationBuckets: DURATION_BUCKETS.map(() => 0),
        quarantined: false,
      };
      this.sources.set(id, metrics);
    }
    return metrics;
  }

  recordPoll(
    id: string,
    plugin: string,
    seconds: number,
    counts: { stored: number; duplicate: number; rejected: number },
    ok: boolean,
  ): void {
    const metrics = this.source(id, plugin);
    metrics.stored += counts.stored;
    metrics.duplicate += counts.duplicate;
    metrics.rejected += counts.rejected;
    metrics.durationSum += seconds;
    for (const [index, bound] of DURATION_BUCKETS.entries())
      if (seconds <= bound) metrics.durationBuckets[index] = (metrics.durationBuckets[index] as number) + 1;
    if (ok) metrics.polls.ok++;
    else {
      metrics.polls.failed++;
      metrics.errors++;
    }
  }

  setQuarantined(id: string, plugin: string, quarantined: boolean): void {
    this.source(id, plugin).quarantined = quarantined;
  }

  setDecisions(current: Readonly<Record<DecisionStatus, number>>, changed: number): void {
    Object.assign(this.decisions, current);
    this.decisionsChanged += changed;
  }

  render(): string {
    const lines: string[] = [];
    const family = (name: string, type: string, help: string) => lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    const each = (write: (id: string, labels: string, metrics: SourceMetrics) => void) => {
      for (const [id, metrics] of this.sources) write(id, `source="${escapeLabel(id)}",plugin="${escapeLabel(metrics.plugin)}"`, metrics);
    };
    family('handshake_signals_stored_total', 'counter', 'Signals stored, per source.');
    each((_id, labels, metrics) => lines.push(`handshake_signals_stored_total{${labels}} ${metrics.stored}`));
    family('handshake_signals_duplicate_total', 'counter', 'Signals read again and recognised as already stored, per source.');
    each((_id, labels, metrics) => lines.push(`handshake_signals_duplicate_total{${labels}} ${metrics.duplicate}`));
    family('handshake_records_rejected_total', 'counter', 'Records rejected with their location, per source.');
    each((_id, labels, metrics) => lines.push(`handshake_records_rejected_total{${labels}} ${metrics.rejected}`));
    family('handshake_polls_total', 'counter', 'Polls per source and outcome.');
    each((_id, labels, metrics) => {
      lines.push(
        `handshake_polls_total{${labels},outcome="ok"} ${metrics.polls.ok}`,
        `handshake_polls_total{${labels},outcome="failed"} ${metrics.polls.failed}`,
      );
    });
    family('handshake_source_errors_total', 'counter', 'Polls that threw or hung, per source.');
    each((_id, labels, metrics) => lines.push(`handshake_source_errors_total{${labels}} ${metrics.errors}`));
    family('handshake_poll_duration_seconds', 'histogram', 'How long polls took, per source.');
    each((_id, labels, metrics) => {
      for (const [index, bound] of DURATION_BUCKETS.entries())
        lines.push(`handshake_poll_duration_seconds_bucket{${labels},le="${bound}"} ${metrics.durationBuckets[index]}`);
      const count = metrics.polls.ok + metrics.polls.failed;
      lines.push(`handshake_poll_duration_seconds_bucket{${labels},le="+Inf"} ${count}`);
      lines.push(
        `handshake_poll_duration_seconds_sum{${labels}} ${metrics.durationSum}`,
        `handshake_poll_duration_seconds_count{${labels}} ${count}`,
      );
    });
    family('handshake_source_quarantined', 'gauge', '1 while a source is quarantined after repeated failures.');
    each((_id, labels, metrics) => lines.push(`handshake_source_quarantined{${labels}} ${metrics.quarantined ? 1 : 0}`));
    family('handshake_decisions', 'gauge', 'Current decisions by status.');
    for (const [status, count] of Object.entries(this.decisions)) lines.push(`handshake_decisions{status="${status}"} ${count}`);
    family('handshake_decisions_changed_total', 'counter', 'Decisions that changed and went to the sinks.');
    lines.push(`handshake_decisions_changed_total ${this.decisionsChanged}`);
    return `${lines.join('\n')}\n`;
  }
}
