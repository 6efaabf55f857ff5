import { stat } from 'node:fs/promises';
import { openArchive, type Rejection, type Signal } from '@handshake/sdk';
import { crawlPlan, temporaryFolder } from '@handshake/testing';
import { describe, expect, it } from 'vitest';
import { LinkedinExportSource } from '../linkedin-export-source.js';
import { generateLargeExport } from './generate-large-export.js';

/** The names and uncompressed sizes in a zip, as the SDK reads exports. */
async function zipEntries(path: string): Promise<Map<string, number>> {
  const archive = await openArchive(path);
  try {
    return new Map(archive.entries.map((entry) => [entry.path, entry.size]));
  } finally {
    await archive.dispose();
  }
}

describe('generateLargeExport', () => {
  it('writes a zip of about the asked size that the source reads without a rejection', async () => {
    const zip = await generateLargeExport(await temporaryFolder(), 600_000);
    const entries = await zipEntries(zip);
    expect([...entries.keys()].sort()).toEqual(['Connections.csv', 'Invitations.csv', 'Shares.csv', 'messages.csv']);
    const total = [...entries.values()].reduce((sum, size) => sum + size, 0);
    expect(total).toBeGreaterThan(600_000);
    expect(total).toBeLessThan(620_000);
    expect((entries.get('messages.csv') ?? 0) + (entries.get('Connections.csv') ?? 0)).toBeGreaterThan(total * 0.9);
    expect((await stat(zip)).size).toBeLessThan(total);

    const source = new LinkedinExportSource();
    const signals: Signal[] = [];
    const rejected: Rejection[] = [];
    for await (const batch of source.read({
      sourceId: 'bench',
      options: source.options.parse({ path: zip }),
      cursor: undefined,
      abort: new AbortController().signal,
      plan: crawlPlan(),
    })) {
      signals.push(...batch.signals);
      rejected.push(...(batch.rejected ?? []));
    }
    expect(rejected).toEqual([]);
    const kinds = new Set(signals.map((signal) => signal.kind));
    expect([...kinds].sort()).toEqual(['connection', 'follow', 'link', 'message', 'post']);
    expect(signals.some((signal) => signal.kind === 'message' && (signal.object?.participants ?? 0) > 2)).toBe(true);
    expect(signals.find((signal) => signal.kind === 'post')?.object?.topics).toEqual(['typescript', 'hiring', 'opensource']);
  });

  it('gives the same export for the same size', async () => {
    const first = await generateLargeExport(await temporaryFolder(), 50_000);
    const second = await generateLargeExport(await temporaryFolder(), 50_000);
    expect(await zipEntries(second)).toEqual(await zipEntries(first));
  });
});
