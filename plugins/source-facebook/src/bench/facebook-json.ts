const NON_ASCII_RUN = /[\u0080-\uffff]+/g;

function escapeBytes(run: string): string {
  let escaped = '';
  for (const byte of Buffer.from(run, 'utf8')) escaped += `\\u00${byte.toString(16).padStart(2, '0')}`;
  return escaped;
}

/**
 * Writes a value as Facebook's export does: indented by two spaces, with every non-ASCII
 * character's UTF-8 bytes escaped one by one (`é` becomes `\u00c3\u00a9`), the mojibake readers
 * must undo. `encoding: 'utf8'` writes correct UTF-8 instead, for text that must stay as it is.
 */
export function facebookJson(value: unknown, options: { readonly encoding?: 'facebook' | 'utf8' } = {}): string {
  const text = JSON.stringify(value, null, 2);
  return options.encoding === 'utf8' ? text : text.replace(NON_ASCII_RUN, escapeBytes);
}
