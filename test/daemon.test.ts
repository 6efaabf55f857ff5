import { appendFile, copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateGraph } from '../bench/generate-graph.js';
import { repoRoot, runCli } from './support/cli.js';
import { DaemonProcess, type LogLine } from './support/daemon-process.js';
import { createWorkspace } from './support/workspace.js';

const fixturePlugins = join(repoRoot, 'packages/core/test-fixtures/plugins');
const running: DaemonProcess[] = [];
afterEach(async () => {
  for (const daemon of running.splice(0)) await daemon.stop();
});

function start(args: readonly string[]): DaemonProcess {
  const daemon = DaemonProcess.start(args);
  running.push(daemon);
  return daemon;
}

const signal = (index: number) =>
  JSON.stringify({
    id: `mastodon:https://a.example/users/ada/statuses/${index}`,
    network: 'mastodon',
    kind: 'reply',
    actor: { network: 'mastodon', id: 'https://a.example/users/ada' },
    subject: { network: 'twitter', id: '783214' },
    at: `2026-11-0${1 + (index % 9)}T03:04:05Z`,
  });

async function stats(config: string) {
  const result = await runCli(['state', 'stats', config, '--json']);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

const polls = (source: string) => (line: LogLine) => line.msg === 'poll finished' && line.source === source;

describe('handshake daemon', () => {
  it('polls on its schedule, stores what is new and logs each changed decision as a JSON line', async () => {
    const { dir, config } = await createWorkspace({ extraYaml: '' });
    await writeFile(join(dir, 'signals.jsonl'), `${[1, 2, 3].map(signal).join('\n')}\n`);
    await writeFile(
      config,
      (await readFile(config, 'utf8')).replace('with: { path: ./signals.jsonl }', 'with: { path: ./signals.jsonl }\n    every: 1s'),
    );
    const daemon = start([config, '--health-port', '0']);
    const first = await daemon.waitFor(polls('signals'));
    expect(first).toMatchObject({ stored: 3, duplicate: 0 });
    const decision = await daemon.waitFor((line) => line.event === 'decision');
    expect(decision).toMatchObject({ level: 'info', msg: 'decision changed', target: { name: 'Dan Example' }, status: 'warm-up' });
    expect(typeof decision.time).toBe('string');
    await appendFile(join(dir, 'signals.jsonl'), `${[4, 5].map(signal).join('\n')}\n`);
    // The file grew, so the next poll reads on from the cursor: only the two new lines.
    await daemon.waitFor((line) => polls('signals')(line) && line.stored === 2 && line.duplicate === 0);
    const metrics = await (await fetch(`${await daemon.healthUrl()}/metrics`)).text();
    expect(metrics).toContain('handshake_signals_stored_total{source="signals",plugin="@handshake/source-jsonl"} 5');
    expect(daemon.count((line) => line.msg === 'poll still running at the next tick; not started twice')).toBe(0);
  });

  it('stops on SIGTERM in the middle of an import with exit code 0, and a restart resumes without loss or duplicates', async () => {
    const reference = await createWorkspace();
    await generateGraph(join(reference.dir, 'signals.jsonl'), { signals: 150_000, people: 2000, seed: 5 });
    const interrupted = await createWorkspace();
    await copyFile(join(reference.dir, 'signals.jsonl'), join(interrupted.dir, 'signals.jsonl'));
    expect((await runCli(['run', reference.config, '--no-progress'])).code).toBe(0);

    // Stopped right after its first commit, whatever the machine's speed: the import is under way.
    const daemon = start([interrupted.config, '--log-level', 'debug']);
    await daemon.waitFor((line) => line.msg === 'batches committed');
    daemon.signal('SIGTERM');
    const exit = await daemon.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(daemon.count((line) => line.msg === 'daemon stopped')).toBe(1);
    const partial = (await stats(interrupted.config)).signals;
    expect(partial).toBeLessThan(150_000);

    const again = start([interrupted.config]);
    await again.waitFor(polls('signals'), 60_000);
    again.signal('SIGTERM');
    expect((await again.exited).code).toBe(0);
    expect(await stats(interrupted.config)).toEqual(await stats(reference.config));
  }, 120_000);

  it('keeps the running config when a reload finds errors, logging each with file:line:col', async () => {
    const { dir, config } = await createWorkspace();
    await writeFile(join(dir, 'signals.jsonl'), `${signal(1)}\n`);
    const good = await readFile(config, 'utf8');
    const daemon = start([config, '--health-port', '0']);
    await daemon.waitFor(polls('signals'));
    await writeFile(config, good.replace('- use: reciprocity', '- use: reciprocty').replace('version: 1', 'version: 1\nnonsense: true'));
    daemon.signal('SIGHUP');
    const refused = await daemon.waitFor((line) => line.msg === 'config reload refused; the running config stays');
    expect(refused.issues).toEqual([
      expect.stringMatching(/pipeline\.yaml:2:1 nonsense: unknown field "nonsense"$/),
      expect.stringMatching(
        /pipeline\.yaml:\d+:\d+ rules\[0\]\.use: unknown rule kind "reciprocty"\. Installed: .*Did you mean "reciprocity"\?$/,
      ),
    ]);
    expect((await fetch(`${await daemon.healthUrl()}/healthz`)).status).toBe(200);
    await writeFile(config, good.replace('with: { path: ./signals.jsonl }', 'with: { path: ./signals.jsonl }\n    every: 1s'));
    daemon.signal('SIGHUP');
    const reloaded = await daemon.waitFor((line) => line.msg === 'config reloaded');
    expect(reloaded).toMatchObject({ restarted: ['signals'], kept: [] });
  });

  it('quarantines a plugin that fails on every poll while another source keeps storing, and says so in health', async () => {
    const { dir, config } = await createWorkspace({
      extraYaml: [
        `plugins: { paths: [${fixturePlugins}] }`,
        'daemon: { backoff: 100ms, max-backoff: 200ms, quarantine-after: 3, quarantine-window: 1m, poll-timeout: 5s }',
      ].join('\n'),
    });
    await writeFile(join(dir, 'signals.jsonl'), `${signal(1)}\n`);
    const text = await readFile(config, 'utf8');
    await writeFile(
      config,
      text
        .replace('sources:\n', 'sources:\n  - use: always-fails\n    id: broken\n    every: 1s\n')
        .replace('with: { path: ./signals.jsonl }', 'with: { path: ./signals.jsonl }\n    every: 1s'),
    );
    const daemon = start([config, '--health-port', '0']);
    const quarantined = await daemon.waitFor((line) => line.msg === 'source quarantined after repeated failures; the others go on');
    expect(quarantined).toMatchObject({ level: 'error', source: 'broken', plugin: '@fixtures/always-fails', failures: 3 });
    expect(daemon.count((line) => line.msg === 'poll failed; retrying with backoff' && line.plugin === '@fixtures/always-fails')).toBe(2);
    const from = daemon.lines.length;
    await appendFile(join(dir, 'signals.jsonl'), `${signal(2)}\n`);
    await daemon.waitFor((line) => polls('signals')(line) && line.stored === 1 && line.duplicate === 0, 20_000, from);
    const health = await daemon.healthUrl();
    expect(await (await fetch(`${health}/healthz`)).json()).toEqual({ status: 'alive' });
    const ready = await (await fetch(`${health}/readyz`)).json();
    expect(ready).toMatchObject({ status: 'ready', quarantined: ['broken'] });
    const metrics = await (await fetch(`${health}/metrics`)).text();
    expect(metrics).toContain('handshake_source_quarantined{source="broken",plugin="@fixtures/always-fails"} 1');
    expect(metrics).toContain('handshake_source_quarantined{source="signals",plugin="@handshake/source-jsonl"} 0');
    expect(metrics).toMatch(/handshake_polls_total\{source="broken",plugin="@fixtures\/always-fails",outcome="failed"\} 3/);
    expect(metrics).toMatch(/handshake_decisions\{status="warm-up"\} 1/);
    expect((await fetch(`${health}/log-level?level=debug`, { method: 'PUT' })).status).toBe(200);
    await daemon.waitFor((line) => line.msg === 'log level changed' && line.logLevel === 'debug');
  });

  it('cuts off a poll that hangs past its timeout and retries it', async () => {
    const { config } = await createWorkspace({
      extraYaml: [`plugins: { paths: [${fixturePlugins}] }`, 'daemon: { backoff: 100ms, quarantine-after: 2, poll-timeout: 300ms }'].join(
        '\n',
      ),
    });
    const text = await readFile(config, 'utf8');
    await writeFile(
      config,
      text.replace(/sources:\n[\s\S]*?rules:/, 'sources:\n  - use: always-fails\n    id: stuck\n    with: { hang: true }\nrules:'),
    );
    const daemon = start([config]);
    const failed = await daemon.waitFor((line) => line.msg === 'poll failed; retrying with backoff');
    expect(JSON.stringify(failed.err)).toContain('the poll hung past the poll timeout (0.3s)');
    await daemon.waitFor((line) => line.msg === 'source quarantined after repeated failures; the others go on');
  });

  it('waits for a rate-limit reset before polling a rate-limited source again', async () => {
    const { config } = await createWorkspace({
      extraYaml: [`plugins: { paths: [${fixturePlugins}] }`, 'daemon: { backoff: 100ms }'].join('\n'),
    });
    const text = await readFile(config, 'utf8');
    await writeFile(
      config,
      text.replace(
        /sources:\n[\s\S]*?rules:/,
        'sources:\n  - use: always-fails\n    id: limited\n    with: { rateLimitedForMs: 5000 }\nrules:',
      ),
    );
    const daemon = start([config]);
    const failed = await daemon.waitFor((line) => line.msg === 'poll failed; retrying with backoff');
    expect(failed.retryInMs).toBeGreaterThan(4000);
  });

  it('reloads when the config file changes under --watch, and toggles debug logging on SIGUSR2', async () => {
    const { dir, config } = await createWorkspace();
    await writeFile(join(dir, 'signals.jsonl'), `${signal(1)}\n`);
    const daemon = start([config, '--watch']);
    await daemon.waitFor(polls('signals'));
    daemon.signal('SIGUSR2');
    await daemon.waitFor((line) => line.msg === 'log level changed' && line.logLevel === 'debug');
    await writeFile(config, (await readFile(config, 'utf8')).replace('- use: reciprocity', '- use: reciprocity\n    weight: 2'));
    const reloaded = await daemon.waitFor((line) => line.msg === 'config reloaded');
    expect(reloaded).toMatchObject({ kept: ['signals'], restarted: [] });
  });

  it('refuses a second daemon on the same ledger, naming the process that holds it', async () => {
    const { dir, config } = await createWorkspace();
    await writeFile(join(dir, 'signals.jsonl'), `${signal(1)}\n`);
    const first = start([config]);
    await first.waitFor((line) => line.msg === 'daemon started');
    const second = start([config]);
    const exit = await second.exited;
    expect(exit.code).toBe(1);
    expect(second.stderr.join('')).toMatch(
      new RegExp(`another handshake daemon holds the ledger .*ledger\\.db: process ${first.child.pid} on `),
    );
  });
});
