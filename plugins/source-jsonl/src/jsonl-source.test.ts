import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crawlPlan, runSource, temporaryFolder } from '@handshake/testing';
import { describe, expect, it } from 'vitest';
import { JsonlSource } from './jsonl-source.js';

const line = (index: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: `mastodon:https://a.example/users/ada/statuses/${index}`,
    network: 'mastodon',
    kind: 'reply',
    actor: { network: 'mastodon', id: 'https://a.example/users/ada' },
    subject: { network: 'mastodon', id: 'https://b.example/users/dan' },
    at: '2026-01-02T03:04:05Z',
    ...extra,
  });

async function file(lines: readonly string[], name = 'signals.jsonl'): Promise<string> {
  const path = join(await temporaryFolder(), name);
  await writeFile(path, lines.join('\n'));
  return path;
}

const source = new JsonlSource();

describe('jsonl source', () => {
  it('reports each malformed line with its file and line number, and keeps the good ones', async () => {
    const path = await file([
      line(1),
      '{"id":"truncated","network":"mastodon","kind":"reply","act',
      line(3, { actor: { network: 'mastodon', id: 42 } }),
      line(4, { kind: 'poke' }),
      line(5, { at: '02/01/2026 03:04' }),
      '',
      line(7),
    ]);
    const run = await runSource(source, { path });
    expect(run.signals.map((signal) => signal.id)).toEqual([
      'mastodon:https://a.example/users/ada/statuses/1',
      'mastodon:https://a.example/users/ada/statuses/7',
    ]);
    expect(run.rejected.map((rejection) => [rejection.where, rejection.reason.split(' (')[0]])).toEqual([
      [`${path}:2`, 'not valid JSON'],
      [`${path}:3`, 'actor.id: expected a non-empty string, received number'],
      [`${path}:4`, 'kind: unknown signal kind "poke"'],
      [`${path}:5`, 'at: expected an ISO-8601 instant such as 2026-01-02T03:04:05Z, received "02/01/2026 03:04"'],
    ]);
  });

  it('accepts a byte order mark, CRLF line ends and identity lines', async () => {
    const path = await file([
      `\uFEFF${JSON.stringify({ type: 'identity', network: 'mastodon', id: 'https://b.example/users/dan', displayName: 'Dan Example' })}\r`,
      `${line(1)}\r`,
    ]);
    const run = await runSource(source, { path });
    expect(run.identities).toEqual([{ network: 'mastodon', id: 'https://b.example/users/dan', displayName: 'Dan Example' }]);
    expect(run.signals).toHaveLength(1);
    expect(run.rejected).toEqual([]);
  });

  it('resumes after the last committed batch, and skips a file it has read to the end', async () => {
    // Enough lines for several chunks, so there are several batches and cursors.
    const path = await file(Array.from({ length: 20_000 }, (_, index) => line(index)));
    const batches = [];
    for await (const batch of source.read({
      sourceId: 'x',
      options: { path },
      cursor: undefined,
      abort: new AbortController().signal,
      plan: crawlPlan(),
    }))
      batches.push(batch);
    expect(batches.length).toBeGreaterThan(2);
    const afterFirst = batches[0]?.cursor;
    const resumed = await runSource(source, { path }, { cursor: afterFirst });
    const firstIds = (batches[0]?.signals ?? []).map((signal) => signal.id);
    expect(firstIds.length + resumed.signals.length).toBe(20_000);
    expect(resumed.signals.some((signal) => firstIds.includes(signal.id))).toBe(false);
    const done = await runSource(source, { path }, { cursor: resumed.cursor });
    expect(done.batches).toBe(0);
  });

  it('reads on from the cursor when lines were appended to the file', async () => {
    const path = await file([line(1), line(2)]);
    const first = await runSource(source, { path });
    await appendFile(path, `\n${line(3)}`);
    const second = await runSource(source, { path }, { cursor: first.cursor });
    expect(second.signals.map((signal) => signal.id.split('/').at(-1))).toEqual(['3']);
    expect(second.rejected).toEqual([]);
  });

  it('reads a file again from the start when lines it had read were changed', async () => {
    const path = await file([line(1), line(2)]);
    const first = await runSource(source, { path });
    await writeFile(path, [line(7), line(2), line(3)].join('\n'));
    const second = await runSource(source, { path }, { cursor: first.cursor });
    expect(second.signals.map((signal) => signal.id.split('/').at(-1))).toEqual(['7', '2', '3']);
  });

  it('names the file when it cannot be read', async () => {
    await expect(runSource(source, { path: '/nonexistent/signals.jsonl' })).rejects.toThrow(
      'cannot read /nonexistent/signals.jsonl: no such file',
    );
  });
});
