import { readFile, stat } from 'node:fs/promises';
import type { Signal } from '@handshake/sdk';
import { runSource, temporaryFolder } from '@handshake/testing';
import { describe, expect, it } from 'vitest';
import { MastodonArchiveSource } from '../archive/mastodon-archive-source.js';
import { generateLargeExport } from './generate-large-export.js';

function kinds(signals: readonly Signal[]): Set<string> {
  return new Set(signals.map((signal) => signal.kind));
}

describe('generateLargeExport', () => {
  it('writes a zip the source reads without a rejection, with every kind of status fact', async () => {
    const path = await generateLargeExport(await temporaryFolder(), 600_000);
    expect(path).toMatch(/archive-\d{14}-[0-9a-f]{32}\.zip$/);
    expect((await stat(path)).size).toBeLessThan(600_000);
    const run = await runSource(new MastodonArchiveSource(), { path });
    expect(run.rejected).toEqual([]);
    expect(kinds(run.signals)).toEqual(new Set(['post', 'reply', 'mention', 'message', 'share', 'link', 'like']));
    expect(run.signals.length).toBeGreaterThan(300);
  });

  it('writes the same archive for the same size', async () => {
    const [first, second] = await Promise.all([
      generateLargeExport(await temporaryFolder(), 100_000),
      generateLargeExport(await temporaryFolder(), 100_000),
    ]);
    expect(await readFile(first)).toEqual(await readFile(second));
  });
});
