import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAtUri } from './at-uri.js';
import { parseAtprotoDatetime } from './atproto-datetime.js';
import { isDid } from './did.js';
import { isHandle } from './handle.js';
import { isNsid } from './nsid.js';
import { isRecordKey } from './record-key.js';
import { isTid, tidTime } from './tid.js';

const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const corpus = join(repositoryRoot, '../shared/corpus/bluesky/atproto-interop-tests');
const present = existsSync(corpus);

/** The cases of one interop file: every line but comments and blank lines, spaces kept (some cases are about them). */
function cases(file: string): string[] {
  return readFileSync(join(corpus, file), 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'));
}

const validators: ReadonlyArray<readonly [string, (text: string) => boolean]> = [
  ['did', isDid],
  ['handle', isHandle],
  ['nsid', isNsid],
  ['recordkey', isRecordKey],
  ['tid', isTid],
  ['aturi', (text) => parseAtUri(text) !== undefined],
  ['datetime', (text) => parseAtprotoDatetime(text) !== undefined],
];

describe.skipIf(!present)('atproto syntax against atproto-interop-tests (skipped when ../shared/corpus is absent on this machine)', () => {
  for (const [name, validate] of validators) {
    it(`accepts every valid ${name}`, () => {
      const valid = cases(`syntax_${name}_syntax_valid.txt`);
      expect(valid.length).toBeGreaterThan(0);
      expect(valid.filter((text) => !validate(text))).toEqual([]);
    });
    it(`refuses every invalid ${name}`, () => {
      const invalid = cases(`syntax_${name}_syntax_invalid.txt`);
      expect(invalid.length).toBeGreaterThan(0);
      expect(invalid.filter((text) => validate(text))).toEqual([]);
    });
  }

  it('refuses datetimes that have the syntax but name no real instant', () => {
    const invalid = cases('syntax_datetime_parse_invalid.txt');
    expect(invalid.filter((text) => parseAtprotoDatetime(text) !== undefined)).toEqual([]);
  });
});

describe('atproto datetimes', () => {
  it('normalizes offsets to UTC and keeps milliseconds only when there are some', () => {
    expect(parseAtprotoDatetime('2023-04-26T00:08:50-07:00')?.iso).toBe('2023-04-26T07:08:50Z');
    expect(parseAtprotoDatetime('1985-04-12T23:20:50.123+01:45')?.iso).toBe('1985-04-12T21:35:50.123Z');
    expect(parseAtprotoDatetime('1985-04-12T23:20:50.123456789Z')?.iso).toBe('1985-04-12T23:20:50.123Z');
    expect(parseAtprotoDatetime('0985-04-12T23:20:50.123-07:00')?.iso).toBe('0985-04-13T06:20:50.123Z');
  });
});

describe('TIDs', () => {
  it('give the time they were minted', () => {
    // 3juazqmz7d42y is the rkey of a post fakermaker wrote with createdAt 2023-04-26T00:09:58-07:00.
    expect(new Date(tidTime('3juazqmz7d42y') as number).toISOString().slice(0, 16)).toBe('2023-04-26T07:09');
    expect(tidTime('self')).toBeUndefined();
  });
});
