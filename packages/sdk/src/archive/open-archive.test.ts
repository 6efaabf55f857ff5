import { join } from 'node:path';
import { temporaryFolder, writeFolder, writeTarGz, writeZip } from '@handshake/testing';
import { describe, expect, it } from 'vitest';
import { openArchive } from './open-archive.js';

const files = {
  'twitter-2023-08-12/data/manifest.js': 'window.__THAR_CONFIG = {}',
  'twitter-2023-08-12/data/tweets.js': 'window.YTD.tweets.part0 = [ ]',
  'twitter-2023-08-12/Your archive.html': '<html></html>',
};

describe('openArchive', () => {
  it.each(['folder', 'zip', 'tar.gz'])('lists and reads the files of a %s the same way', async (kind) => {
    const dir = await temporaryFolder();
    const location =
      kind === 'folder'
        ? await writeFolder(join(dir, 'export'), files)
        : kind === 'zip'
          ? await writeZip(join(dir, 'export.zip'), files)
          : await writeTarGz(join(dir, 'export.tar.gz'), files);
    const archive = await openArchive(location);
    try {
      expect(archive.entries.map((entry) => entry.path)).toEqual(Object.keys(files).sort());
      const tweets = archive.find('data/TWEETS.js');
      expect(tweets?.path).toBe('twitter-2023-08-12/data/tweets.js');
      expect(await archive.readText(tweets as NonNullable<typeof tweets>)).toBe('window.YTD.tweets.part0 = [ ]');
      expect(archive.find('your_archive.html')?.path).toBe('twitter-2023-08-12/Your archive.html');
      expect(archive.find('data/like.js')).toBeUndefined();
    } finally {
      await archive.dispose();
    }
  });

  it('keeps only the wanted files of a tarball', async () => {
    const dir = await temporaryFolder();
    const archive = await openArchive(await writeTarGz(join(dir, 'a.tgz'), files), { want: (path) => path.endsWith('.js') });
    expect(archive.entries).toHaveLength(2);
    await archive.dispose();
  });

  it('names the file when it cannot be opened', async () => {
    await expect(openArchive('/nonexistent/export.zip')).rejects.toThrow('cannot open /nonexistent/export.zip: no such file or folder');
    const dir = await temporaryFolder();
    const broken = await writeFolder(dir, { 'broken.zip': Buffer.from('PK\u0003\u0004 not really a zip') });
    await expect(openArchive(join(broken, 'broken.zip'))).rejects.toThrow(/cannot (open|read) .*broken\.zip as a zip/);
  });
});
