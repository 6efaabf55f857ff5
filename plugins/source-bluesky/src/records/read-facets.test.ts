import { describe, expect, it } from 'vitest';
import { byteRange, facet, linkFeature, mentionFeature, tagFeature } from '../__fixtures__/appview-fixtures.js';
import { readFacets } from './read-facets.js';

const dan = 'did:plc:dan3dan3dan3dan3dan3dan3';

describe('facets', () => {
  it('count UTF-8 bytes: a mention after emoji is read where its bytes are', () => {
    const text = '👩‍💻🎉 ok @dan.example.com';
    const [start, end] = byteRange(text, '@dan.example.com');
    // 👩‍💻 is 11 bytes but 5 UTF-16 units; 🎉 is 4 bytes but 2 units.
    expect([start, end]).toEqual([19, 35]);
    expect(text.length).toBeLessThan(end);
    const read = readFacets(text, [facet(start, end, mentionFeature(dan))]);
    expect(read).toEqual({ spans: [{ text: '@dan.example.com', mentions: [dan], links: [], tags: [] }], problems: [] });
  });

  it('ignore a facet counted in UTF-16 units: its range cuts a character', () => {
    const text = '🎉 @dan.example.com';
    const start = text.indexOf('@');
    const read = readFacets(text, [facet(start, start + 16, mentionFeature(dan))]);
    expect(read.spans).toEqual([]);
    expect(read.problems).toEqual(["facets[0]: bytes 3–19 do not fit the text's 21 UTF-8 bytes"]);
  });

  it('ignore a range outside the text, and take links and tags from the features, not the shortened text', () => {
    const text = 'see example.org/a-very-lo… #Rust';
    const read = readFacets(text, [
      facet(...byteRange(text, 'example.org/a-very-lo…'), linkFeature('https://example.org/a-very-long-path')),
      facet(...byteRange(text, '#Rust'), tagFeature('Rust')),
      facet(30, 99, tagFeature('beyond')),
      { features: [] },
    ]);
    expect(read.spans.map((span) => [span.text, span.links, span.tags])).toEqual([
      ['example.org/a-very-lo…', ['https://example.org/a-very-long-path'], []],
      ['#Rust', [], ['Rust']],
    ]);
    expect(read.problems).toEqual([
      "facets[2]: bytes 30–99 do not fit the text's 34 UTF-8 bytes",
      'facets[3]: expected index.byteStart and index.byteEnd',
    ]);
  });
});
