import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type JsonArrayItem, streamJsonArray } from './stream-json-array.js';

async function collect(text: string, options: Parameters<typeof streamJsonArray>[1], chunkSize = text.length): Promise<JsonArrayItem[]> {
  const chunks: Buffer[] = [];
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  const items: JsonArrayItem[] = [];
  for await (const item of streamJsonArray(Readable.from(chunks), options)) items.push(item);
  return items;
}

describe('streamJsonArray', () => {
  const ytd =
    'window.YTD.tweets.part0 = [\n  {\n    "tweet" : { "id_str" : "1", "full_text" : "a, [b] {c} \\"d\\" é 🚀" }\n  },\n  {\n    "tweet" : { "id_str" : "2" }\n  }\n]';

  it('reads a Twitter archive part after its JavaScript prefix, whatever the chunk boundaries', async () => {
    for (const size of [1, 2, 3, 7, 64, ytd.length]) {
      const items = await collect(ytd, { skipPrefix: true }, size);
      expect(items).toEqual([
        { ok: true, value: { tweet: { id_str: '1', full_text: 'a, [b] {c} "d" é 🚀' } }, index: 0, line: 2 },
        { ok: true, value: { tweet: { id_str: '2' } }, index: 1, line: 5 },
      ]);
    }
  });

  it('reads an array under a key, ignoring arrays elsewhere', async () => {
    const outbox =
      '{"@context":["https://www.w3.org/ns/activitystreams",{"x":[1,2]}],"id":"outbox.json","orderedItems":[{"type":"Create"},"https://a.example/1",[3]],"totalItems":3}';
    const items = await collect(outbox, { path: ['orderedItems'] }, 5);
    expect(items.map((item) => item.ok && item.value)).toEqual([{ type: 'Create' }, 'https://a.example/1', [3]]);
  });

  it('reports an element that is not JSON with its line and goes on', async () => {
    const items = await collect('[\n{"a":1},\n{"a":tru},\n{"a":3}\n]', {});
    expect(items.map((item) => (item.ok ? item.value : item.line))).toEqual([{ a: 1 }, 3, { a: 3 }]);
  });

  it('reads an empty array', async () => {
    expect(await collect('window.YTD.like.part0 = [ ]', { skipPrefix: true })).toEqual([]);
  });

  it('says so when the file ends inside the array', async () => {
    await expect(collect('[{"a":1},{"a":', {})).rejects.toThrow('the array ends early, after 1 element');
  });

  it('says so when the array is missing', async () => {
    await expect(collect('{"friends":[]}', { path: ['friends_v2'] })).rejects.toThrow('no array at friends_v2');
  });
});
