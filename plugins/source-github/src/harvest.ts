import type { IdentityReport, Rejection, Signal } from '@handshake/sdk';

/** What one page (or one profile) gave: a batch without its cursor. */
export class Harvest {
  readonly signals: Signal[] = [];
  readonly rejected: Rejection[] = [];
  readonly skipped: Rejection[] = [];
  private readonly reports = new Map<string, IdentityReport>();

  signal(signal: Signal): void {
    this.signals.push(signal);
  }

  /** Reports of one account merge: a profile's fields join the handle an event gave. */
  identity(report: IdentityReport): void {
    this.reports.set(report.id, { ...this.reports.get(report.id), ...report });
  }

  reject(where: string, reason: string): void {
    this.rejected.push({ where, reason });
  }

  skip(where: string, reason: string): void {
    this.skipped.push({ where, reason });
  }

  get identities(): IdentityReport[] {
    return [...this.reports.values()];
  }

  get empty(): boolean {
    return this.signals.length + this.rejected.length + this.skipped.length + this.reports.size === 0;
  }
}
