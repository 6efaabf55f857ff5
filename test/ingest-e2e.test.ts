import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';
import { createWorkspace } from './support/workspace.js';

const signal = (index: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: `mastodon:https://a.example/users/ada/statuses/${index}`,
    network: 'mastodon',
    kind: 'reply',
    actor: { network: 'mastodon', id: 'https://a.example/users/ada' },
    subject: { network: 'mastodon', id: `https://b.example/users/u${index % 7}` },
    at: `2026-01-0${1 + (index % 9)}T03:04:05Z`,
    ...extra,
  });

async function stats(config: string) {
  const result = await runCli(['state', 'stats', config, '--json']);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

describe('handshake run on JSON lines', () => {
  it('stores nothing new when the same data is imported twice', async () => {
    const { dir, config } = await createWorkspace();
    await writeFile(join(dir, 'signals.jsonl'), Array.from({ length: 500 }, (_, index) => signal(index)).join('\n'));
    const first = await runCli(['run', config, '--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout).summary.sources[0]).toMatchObject({ read: 500, stored: 500, duplicate: 0 });
    const before = await stats(config);
    // A second run with the cursor reset reads every line again: all of them are duplicates.
    expect((await runCli(['state', 'reset', config, 'signals'])).code).toBe(0);
    const second = await runCli(['run', config, '--json']);
    expect(JSON.parse(second.stdout).summary.sources[0]).toMatchObject({ read: 500, stored: 0, duplicate: 500 });
    expect(await stats(config)).toEqual(before);
    expect(before).toMatchObject({ signals: 500, byKind: { reply: 500 }, bySource: { signals: 500 } });
  });

  it('reports malformed lines with their line numbers, stores the good ones, and counts the rejected in the summary', async () => {
    const { dir, config } = await createWorkspace();
    const lines = [
      signal(1),
      '{"id":"cut","network":"mastodon","kind":"reply","actor":{"network":"masto',
      signal(3, { subject: 'dan' }),
      signal(4, { kind: 'wave' }),
      signal(5, { at: '2026-13-01T00:00:00Z' }),
      signal(6),
    ];
    await writeFile(join(dir, 'signals.jsonl'), lines.join('\n'));
    const result = await runCli(['run', config]);
    expect(result.code, result.stderr).toBe(0);
    const file = join(dir, 'signals.jsonl');
    expect(result.stdout).toMatch(/signals\s+jsonl\s+6\s+2\s+0\s+4\s+0\s+ok/);
    expect(result.stdout).toContain(`${file}:2: not valid JSON`);
    expect(result.stdout).toContain(`${file}:3: subject: expected an object {network, id}, received string`);
    expect(result.stdout).toContain(`${file}:4: kind: unknown signal kind "wave"`);
    expect(result.stdout).toContain(`${file}:5: at: expected an ISO-8601 instant`);
    const logged = result.stderr.split('\n').filter((line) => line.includes('record rejected'));
    expect(logged).toHaveLength(4);
    expect(await stats(config)).toMatchObject({ signals: 2 });
  });
});
