import type { IdentityRef, Signal } from '@handshake/sdk';
import type { BatchBuilder } from '../batch-builder.js';
import type { CsvRow } from '../csv/read-csv-table.js';
import { memberId, memberIdentity } from '../identity/member-identity.js';
import type { ConversationIndex } from '../messages/conversation-index.js';
import type { ExportOwner } from '../owner/export-owner.js';
import type { LinkedinDateParser, ParsedDate } from '../time/linkedin-date-parser.js';

/** What a file reader needs to turn one row into signals, and where the row sits for reports. */
export class RowContext {
  /** `export.zip!Connections.csv:12`, set before each row. */
  where = '';

  constructor(
    readonly owner: ExportOwner,
    readonly dates: LinkedinDateParser,
    readonly conversations: ConversationIndex,
    private readonly out: BatchBuilder,
  ) {}

  signal(signal: Signal): void {
    this.out.signal(signal);
  }

  /** The owner's identity, reported with `owner: true`. */
  ownerRef(): IdentityRef {
    return this.out.identify(this.owner.report);
  }

  /** Another member's identity, reported with their name the first time. */
  member(name: string, url: string | undefined): IdentityRef {
    return this.out.reference(memberId(name, url)) ?? this.out.identify(memberIdentity(name, url));
  }

  /** The row's timestamp in `column`, or undefined after rejecting the row with the reason. */
  date(row: CsvRow, column: string): ParsedDate | undefined {
    const raw = row.get(column);
    const parsed = this.dates.parse(raw);
    if (parsed.ok) return parsed;
    this.reject(`${column}: ${parsed.reason}${raw.trim() === '' ? '' : `, received ${JSON.stringify(raw.trim())}`}`);
    return undefined;
  }

  reject(reason: string): void {
    this.out.reject(this.where, reason);
  }

  skip(reason: string): void {
    this.out.skip(this.where, reason);
  }
}
