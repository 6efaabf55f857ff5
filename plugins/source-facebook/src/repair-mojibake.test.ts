import { describe, expect, test } from 'vitest';
import { repairMojibake, repairMojibakeDeep } from './repair-mojibake.js';

/** What a JSON parser makes of Facebook's escapes: each UTF-8 byte as one latin-1 character. */
const mojibake = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

describe('repairMojibake', () => {
  test('re-decodes the latin-1 escapes of UTF-8 bytes', () => {
    expect(repairMojibake(JSON.parse('"\\u00c4\\u0090inh Ng\\u00e1\\u00bb\\u008dc"'))).toBe('Đinh Ngọc');
    expect(repairMojibake(mojibake('Zoë Café, crème brûlée'))).toBe('Zoë Café, crème brûlée');
  });

  test('repairs emoji written as four escaped bytes', () => {
    expect(repairMojibake(JSON.parse('"\\u00f0\\u009f\\u009a\\u0080 Brendan"'))).toBe('🚀 Brendan');
    expect(repairMojibake(mojibake('👨‍👩‍👧 family, 🇩🇪'))).toBe('👨‍👩‍👧 family, 🇩🇪');
  });

  test('leaves ASCII and already-correct text alone, so it is never decoded twice', () => {
    for (const text of ['Dan Example', '', 'é', 'Zoë', '🚀', 'Đinh Ngọc', 'Ã', 'café Ã©t', '\u00ad']) {
      expect(repairMojibake(text)).toBe(text);
    }
    const once = repairMojibake(mojibake('Ngọc 🚀'));
    expect(repairMojibake(once)).toBe(once);
  });

  test('keeps a leading byte order mark as text', () => {
    expect(repairMojibake(mojibake('\ufeffHi é'))).toBe('\ufeffHi é');
  });
});

describe('repairMojibakeDeep', () => {
  test('repairs every string of a record, keys included, and leaves other values', () => {
    const record = JSON.parse(
      '{"participants":[{"name":"Thi\\u00c3\\u00aam"}],"k\\u00c3\\u00a9y":"\\u00e2\\u009c\\u0085","n":1,"ok":true,"none":null,"__proto__":"x"}',
    );
    const repaired = repairMojibakeDeep(record) as Record<string, unknown>;
    expect(repaired).toEqual({ participants: [{ name: 'Thiêm' }], kéy: '✅', n: 1, ok: true, none: null, ['__proto__']: 'x' });
    expect(Object.getPrototypeOf(repaired)).toBe(Object.prototype);
  });
});
