import type { CsvRow } from '../csv/read-csv-table.js';
import { activityUrn } from './activity-urn.js';
import type { LinkedinFile } from './linkedin-file.js';

/**
 * A file of the owner's activity on other people's posts (Comments.csv, Reactions.csv) that names
 * each post only by its URN, never its author. Without the author there is no relationship to
 * record, and guessing one would mean fetching LinkedIn pages, so every row is skipped with the
 * reason, and the run's summary counts them.
 */
export function unattributedFile(name: string, columns: readonly string[], describe: (row: CsvRow) => string): LinkedinFile {
  return {
    name,
    columns,
    read(row, context) {
      const target = activityUrn(row.get('Link')) ?? (row.get('Link').trim() || 'a post');
      context.skip(`${describe(row)} on ${target}: the export does not name the post's author, so it cannot be tied to a person`);
    },
  };
}

export const commentsFile = unattributedFile('Comments.csv', ['Date', 'Link', 'Message'], () => 'a comment');
export const reactionsFile = unattributedFile(
  'Reactions.csv',
  ['Date', 'Type', 'Link'],
  (row) => `a reaction (${row.get('Type').trim() || 'of no type'})`,
);
