import type { CsvRow } from '../csv/read-csv-table.js';
import type { ConversationIndex } from '../messages/conversation-index.js';
import type { OwnerSurvey } from '../owner/owner-survey.js';
import type { RowContext } from './row-context.js';

/** What the first pass over an export gathers before any signal is made. */
export interface ExportSurvey {
  readonly owner: OwnerSurvey;
  readonly conversations: ConversationIndex;
}

/** How one CSV file of the export is read. */
export interface LinkedinFile {
  /** The name LinkedIn gives the file; matched leniently (case, spaces, underscores). */
  readonly name: string;
  /** Columns its header must have; others may come and go between export versions. */
  readonly columns: readonly string[];
  /** Gathers evidence in the first pass (who the owner is, who is in each conversation). */
  survey?(row: CsvRow, survey: ExportSurvey): void;
  /** Turns one data row into signals, a rejection or a skip. */
  read?(row: CsvRow, context: RowContext): void;
}
