import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { openArchive } from '@handshake/sdk';
import { describe, expect, it } from 'vitest';
import { temporaryFolder } from './archives.js';
import { StreamingZipWriter } from './streaming-zip-writer.js';

const MODIFIED = new Date('2024-07-23T18:40:00Z');
const photo = randomBytes(4096);
const text = 'déjà vu 🚀 '.repeat(2000);

async function* pieces(): AsyncGenerator<string | Buffer> {
  yield '{"items":[';
  for (let index = 0; index < 3000; index++) yield `${index === 0 ? '' : ','}{"n":${index}}`;
  yield Buffer.from(']}');
}

async function writeSample(path: string): Promise<StreamingZipWriter> {
  const zip = await StreamingZipWriter.create(path, MODIFIED);
  await zip.add('notes/über.txt', text);
  await zip.add('photos/0.jpg', photo, { store: true });
  await zip.addStream('outbox.json', pieces());
  await zip.addStream('empty.txt', []);
  await zip.close();
  return zip;
}

describe('StreamingZipWriter', () => {
  it('writes whole, stored and streamed entries that the SDK reads back', async () => {
    const path = join(await temporaryFolder(), 'sample.zip');
    const zip = await writeSample(path);
    expect(zip.size).toBe((await stat(path)).size);
    // Stored means the photo's bytes are in the file as they are; the repetitive text is deflated.
    const bytes = await readFile(path);
    expect(bytes.includes(photo)).toBe(true);
    expect(bytes.length).toBeLessThan(photo.length + Buffer.byteLength(text) / 4);

    const archive = await openArchive(path);
    try {
      expect(archive.entries.map((entry) => entry.path)).toEqual(['empty.txt', 'notes/über.txt', 'outbox.json', 'photos/0.jpg']);
      const read = async (name: string) => archive.readText(archive.find(name)!);
      expect(await read('notes/über.txt')).toBe(text);
      expect(JSON.parse(await read('outbox.json')).items).toHaveLength(3000);
      expect(await read('empty.txt')).toBe('');
      const stream = await archive.open(archive.find('photos/0.jpg')!);
      expect(Buffer.concat(await stream.toArray())).toEqual(photo);
    } finally {
      await archive.dispose();
    }
  });

  it('writes the same bytes for the same entries', async () => {
    const folder = await temporaryFolder();
    await writeSample(join(folder, 'first.zip'));
    await writeSample(join(folder, 'second.zip'));
    expect(await readFile(join(folder, 'second.zip'))).toEqual(await readFile(join(folder, 'first.zip')));
  });
});
