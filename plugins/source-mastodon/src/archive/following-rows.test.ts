import { describe, expect, it } from 'vitest';
import { followingRows } from './following-rows.js';

describe('followingRows', () => {
  it('reads the current export, CRLF and a BOM included, with the line of each row', () => {
    const rows = [
      ...followingRows(
        '\uFEFFAccount address,Show boosts,Notify on new posts,Languages\r\nalice@a.example,true,false,\r\n\r\nbob@b.example,false,true,"en,de"\r\n',
      ),
    ];
    expect(rows).toEqual([
      { line: 2, account: { id: 'https://a.example/users/alice', handle: '@alice@a.example' } },
      { line: 4, account: { id: 'https://b.example/users/bob', handle: '@bob@b.example' } },
    ]);
  });

  it('reads an old export without a header, and rejects a row that is no address', () => {
    expect([...followingRows('alice@a.example\n,true,false,\n')]).toEqual([
      { line: 1, account: { id: 'https://a.example/users/alice', handle: '@alice@a.example' } },
      { line: 2, reason: 'expected an account address such as user@host.example, received ""' },
    ]);
  });
});
