import type { IngestEvent } from '@handshake/core';
import type { SourceProgress } from '@handshake/sdk';
import { formatBytes, formatCount } from './format.js';

const REDRAW_MS = 250;

/**
 * A live progress line on a terminal during long imports: per source how far it has read, the
 * signals stored so far and the rate. Redraws at most four times a second; writes nothing
 * when the stream is not a terminal.
 */
export class ProgressLine {
  private readonly progress = new Map<string, SourceProgress>();
  private stored = 0;
  private read = 0;
  private lastDraw = 0;
  private drawn = false;
  private phase: string | undefined;
  private readonly started = Date.now();

  constructor(private readonly stream: NodeJS.WriteStream) {}

  get enabled(): boolean {
    return Boolean(this.stream.isTTY);
  }

  update(event: IngestEvent): void {
    if (!this.enabled) return;
    if (event.type === 'batch') {
      this.read += event.read;
      if (event.progress) this.progress.set(event.source, event.progress);
    } else if (event.type === 'commit') {
      for (const counts of event.result.bySource.values()) this.stored += counts.stored;
    } else if (event.type === 'bulk-load') {
      this.phase = event.phase === 'start' ? 'bulk load' : event.phase === 'rebuilding' ? 'rebuilding indexes' : undefined;
      this.lastDraw = 0;
    }
    const now = Date.now();
    if (now - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = now;
    this.draw(now);
  }

  clear(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }

  private draw(now: number): void {
    const seconds = Math.max(0.001, (now - this.started) / 1000);
    const parts = [...this.progress].map(([source, progress]) => `${source} ${describe(progress)}`);
    const rate = `${formatCount(Math.round(this.read / seconds))}/s`;
    const text = `importing: ${parts.join(', ') || 'starting'} · ${formatCount(this.stored)} stored · ${rate}${this.phase ? ` · ${this.phase}` : ''}`;
    const width = this.stream.columns ?? 120;
    this.stream.write(`\r\x1b[K${text.length > width - 1 ? `${text.slice(0, width - 2)}…` : text}`);
    this.drawn = true;
  }
}

function describe(progress: SourceProgress): string {
  if (progress.total === undefined || progress.total === 0) {
    return progress.unit === 'bytes' ? formatBytes(progress.done) : `${formatCount(progress.done)} ${progress.unit}`;
  }
  const percent = Math.min(100, Math.floor((progress.done / progress.total) * 100));
  const of =
    progress.unit === 'bytes'
      ? `${formatBytes(progress.done)} of ${formatBytes(progress.total)}`
      : `${formatCount(progress.done)} of ${formatCount(progress.total)}`;
  return `${percent}% (${of})`;
}
