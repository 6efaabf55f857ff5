import { accountFromAcct, type MastodonAccount } from '../accounts/mastodon-account.js';

/** One data row of `following_accounts.csv`: the followed account, or why the row is not one. */
export type FollowingRow =
  | { readonly line: number; readonly account: MastodonAccount }
  | { readonly line: number; readonly reason: string };

/** The first cell of a CSV line; only the account address is read, so the rest is never split. */
function firstCell(line: string): string {
  if (!line.startsWith('"')) return line.split(',', 1)[0] ?? '';
  let cell = '';
  for (let i = 1; i < line.length; i++) {
    if (line[i] !== '"') cell += line[i];
    else if (line[i + 1] === '"') {
      cell += '"';
      i++;
    } else break;
  }
  return cell;
}

/**
 * Reads Mastodon's following export (`Account address,Show boosts,Notify on new posts,Languages`,
 * rows `user@host,true,false,`). Exports before Mastodon 3 had no header and one column; both are
 * read. Blank lines are skipped; line numbers count every line, as an editor shows them.
 */
export function* followingRows(text: string): Generator<FollowingRow> {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = (lines[index] as string).replace(/\r$/, '');
    if (line.trim() === '') continue;
    const address = firstCell(line).trim();
    if (index === 0 && address.toLowerCase() === 'account address') continue;
    const account = accountFromAcct(address);
    yield account === undefined
      ? { line: index + 1, reason: `expected an account address such as user@host.example, received ${JSON.stringify(address)}` }
      : { line: index + 1, account };
  }
}
