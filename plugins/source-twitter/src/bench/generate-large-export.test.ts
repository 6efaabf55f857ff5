import { readFile, stat } from 'node:fs/promises';
import type { Logger, Signal } from '@handshake/sdk';
import { openArchive } from '@handshake/sdk';
import { crawlPlan, temporaryFolder } from '@handshake/testing';
import { describe, expect, it } from 'vitest';
import { TwitterArchiveSource } from '../twitter-archive-source.js';
import { generateLargeExport } from './generate-large-export.js';

const silent: Logger = {
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  fatal: () => {},
  child: () => silent,
};

describe('generateLargeExport', () => {
  it('writes a deflated zip of about the asked size that the source reads without a rejection', async () => {
    const target = 2_000_000;
    const path = await generateLargeExport(await temporaryFolder(), target);
    const archive = await openArchive(path);
    const manifestEntry = archive.find('data/manifest.js');
    expect(manifestEntry).toBeDefined();
    const manifest = JSON.parse((await archive.readText(manifestEntry!)).replace(/^[^=]*=/, ''));
    const unpacked = archive
      .filter((entry) => entry.path.startsWith('data/') && entry.path !== 'data/manifest.js')
      .reduce((sum, entry) => sum + entry.size, 0);
    await archive.dispose();
    expect(unpacked).toBe(Number(manifest.archiveInfo.sizeBytes));
    expect(unpacked).toBeGreaterThan(target * 0.95);
    expect(unpacked).toBeLessThan(target * 1.1);
    expect((await stat(path)).size).toBeLessThan(unpacked / 2);

    const source = new TwitterArchiveSource(silent);
    const signals: Signal[] = [];
    let rejected = 0;
    for await (const batch of source.read({
      sourceId: 'bench',
      options: source.options.parse({ path }),
      cursor: undefined,
      abort: new AbortController().signal,
      plan: crawlPlan(),
    })) {
      signals.push(...batch.signals);
      rejected += batch.rejected?.length ?? 0;
    }
    expect(rejected).toBe(0);
    expect(new Set(signals.map((signal) => signal.id)).size).toBe(signals.length);
    const count = (type: string) => Number(manifest.dataTypes[type].files[0].count);
    const kinds = (test: (signal: Signal) => boolean) => signals.filter(test).length;
    expect(kinds((signal) => signal.kind === 'post') + kinds((signal) => signal.kind === 'share' && !signal.id.includes('#quote:'))).toBe(
      count('tweets'),
    );
    expect(kinds((signal) => signal.kind === 'follow')).toBe(count('follower') + count('following'));
    expect(kinds((signal) => signal.kind === 'message')).toBeGreaterThan(count('directMessages'));
    // Deterministic: the same target writes the same bytes.
    const again = await generateLargeExport(await temporaryFolder(), target);
    expect((await readFile(again)).equals(await readFile(path))).toBe(true);
  });
});
