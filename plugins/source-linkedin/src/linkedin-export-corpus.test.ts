import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Rejection, Signal } from '@handshake/sdk';
import { crawlPlan, temporaryFolder, writeZip } from '@handshake/testing';
import { describe, expect, it } from 'vitest';
import { LinkedinExportSource } from './linkedin-export-source.js';

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
const corpus = join(repositoryRoot, '..', 'shared', 'corpus', 'exports', 'linkedin');
const present = existsSync(corpus);

async function readExport(path: string) {
  const source = new LinkedinExportSource();
  const run = { signals: [] as Signal[], rejected: [] as Rejection[], skipped: [] as Rejection[] };
  for await (const batch of source.read({
    sourceId: 'linkedin',
    options: source.options.parse({ path }),
    cursor: undefined,
    abort: new AbortController().signal,
    plan: crawlPlan(),
  })) {
    run.signals.push(...batch.signals);
    run.rejected.push(...(batch.rejected ?? []));
    run.skipped.push(...(batch.skipped ?? []));
  }
  return run;
}

function kinds(signals: readonly Signal[]): Record<string, number> {
  const tally: Record<string, number> = {};
  for (const signal of signals) tally[signal.kind] = (tally[signal.kind] ?? 0) + 1;
  return tally;
}
const skippedIn = (skipped: readonly Rejection[], file: string) => skipped.filter((skip) => skip.where.includes(`!${file}:`)).length;

describe.skipIf(!present)(
  `linkedin-export on the shared corpus${present ? '' : ' (skipped: ../shared/corpus is absent on this machine)'}`,
  () => {
    it('reads the 2022 export: every row becomes signals or a counted skip, none is rejected', async () => {
      const run = await readExport(join(corpus, 'export-2022-09'));
      expect(run.rejected).toEqual([]);
      expect(kinds(run.signals)).toEqual({
        // 25 rows of Connections.csv.
        connection: 25,
        // 68 invitations, and 17 of the 19 member follows (2 are unfollows).
        follow: 68 + 17,
        // 10 of the 12 rows of messages.csv (a sponsored one, one from a hidden member), and one invitation note.
        message: 10 + 1,
        post: 7,
        // One post links to a personal site (example.com); the lnkd.in short links are no site.
        link: 1,
        endorsement: 10,
      });
      expect(skippedIn(run.skipped, 'messages.csv')).toBe(2);
      expect(skippedIn(run.skipped, 'Member_Follows.csv')).toBe(2);
      expect(skippedIn(run.skipped, 'Comments.csv')).toBe(15);
      expect(skippedIn(run.skipped, 'Reactions.csv')).toBe(32);
      expect(run.skipped).toHaveLength(2 + 2 + 15 + 32);
    });

    it('reads the 2022 export as checked by hand', async () => {
      const run = await readExport(join(corpus, 'export-2022-09'));
      const owner = 'https://www.linkedin.com/in/dmitri-wells-a34c5dcca';
      expect(run.signals.find((signal) => signal.kind === 'follow')).toMatchObject({
        actor: { id: owner },
        subject: { id: 'name:Mabel Alder' },
        at: '2022-08-26T20:56:00Z',
        rawAt: '8/26/22, 8:56 PM',
      });
      expect(run.signals.find((signal) => signal.kind === 'message' && signal.rawAt === '8/1/22, 6:59 PM')).toMatchObject({
        actor: { id: 'name:Soren Kerr' },
        subject: { id: owner },
        object: { text: 'See you at the next floor!', participants: 2 },
      });
      // Ignatius V Farley is named without a URL as a recipient; the conversation gives it.
      expect(
        run.signals
          .filter((signal) => signal.kind === 'message' && signal.at.startsWith('2022-09-08T18:0'))
          .map((signal) => `${signal.actor.id} > ${signal.subject.id}`),
      ).toEqual([
        `${owner} > https://www.linkedin.com/in/go-farley`,
        `${owner} > https://www.linkedin.com/in/go-farley`,
        `https://www.linkedin.com/in/go-farley > ${owner}`,
        `${owner} > https://www.linkedin.com/in/go-farley`,
      ]);
      const post = run.signals.find((signal) => signal.id === 'linkedin:urn:li:share:6973474534759199759');
      expect(post?.object?.topics).toEqual(['thunderstorm', 'oar', 'marshmallow', 'sapphireparcel', 'nightingalehorizon']);
      expect(post?.object?.text).not.toMatch(/(^|\n)"|"(\n|$)/);
      expect(post?.object?.text?.split('\n\n')).toHaveLength(6);
      expect(run.signals.find((signal) => signal.kind === 'endorsement')).toMatchObject({
        actor: { id: 'name:Jun Ines Yamada' },
        subject: { id: owner },
        at: '2020-06-09T00:53:47Z',
        object: { topics: ['css3'] },
      });
    });

    it('gives the Excel re-save the same ids as the original export', async () => {
      const original = await readExport(join(corpus, 'export-2022-09'));
      const resaved = await readExport(join(corpus, 'export-2022-09-excel-resaved'));
      expect(resaved.rejected).toEqual([]);
      expect(kinds(resaved.signals)).toEqual({ connection: 15, follow: 15 });
      const ids = new Set(original.signals.map((signal) => signal.id));
      expect(resaved.signals.filter((signal) => !ids.has(signal.id))).toEqual([]);
    });

    it('reads the 2025 Connections with URLs, emoji and a blank member', async () => {
      const run = await readExport(join(corpus, 'connections-2025-12'));
      expect(run.rejected).toEqual([]);
      expect(kinds(run.signals)).toEqual({ connection: 35 });
      expect(run.skipped.map((skip) => skip.where.replace(corpus, ''))).toEqual(['/connections-2025-12!Connections.csv:38']);
      expect(run.signals.map((signal) => signal.subject.id)).toContain('https://www.linkedin.com/in/~keziah');
    });

    it('reads a zip of the export as it reads the folder', async () => {
      const folder = join(corpus, 'export-2022-09');
      const files: Record<string, Buffer> = {};
      for (const name of await readdir(folder)) files[name] = await readFile(join(folder, name));
      const zip = await readExport(await writeZip(join(await temporaryFolder(), 'export.zip'), files));
      expect(zip.signals).toEqual((await readExport(folder)).signals);
    });
  },
);
