import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateGraph } from '../bench/generate-graph.js';
import { cliPath, repoRoot, runCli } from './support/cli.js';
import { createWorkspace } from './support/workspace.js';

/**
 * Starts `handshake run` and SIGKILLs it `afterMs` after its first commit was logged, so the kill
 * lands mid-import whatever the machine's speed; says whether it was still running then.
 */
function runAndKill(config: string, afterMs: number): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, 'run', config, '--no-progress', '--log-level', 'debug'], {
      cwd: repoRoot,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let timer: NodeJS.Timeout | undefined;
    child.stderr.on('data', (chunk: Buffer) => {
      if (timer === undefined && chunk.includes('batches committed')) timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ killed: signal === 'SIGKILL', code });
    });
  });
}

async function stats(config: string) {
  const result = await runCli(['state', 'stats', config, '--json']);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as { signals: number };
}

describe('crash safety', () => {
  it('ends with the same ledger after SIGKILLs at random moments as after an uninterrupted run', async () => {
    const SIGNALS = 120_000;
    const reference = await createWorkspace();
    await generateGraph(join(reference.dir, 'signals.jsonl'), { signals: SIGNALS, people: 3000, seed: 11 });
    const crashed = await createWorkspace({ signalsFile: join(reference.dir, 'signals.jsonl') });

    const uninterrupted = await runCli(['run', reference.config, '--no-progress']);
    expect(uninterrupted.code, uninterrupted.stderr).toBe(0);
    const expected = await stats(reference.config);
    expect(expected.signals).toBe(SIGNALS);

    const moments: number[] = [];
    const partial: number[] = [];
    // Each restart resumes from the committed cursor, so later runs have less left to do.
    for (let attempt = 0; attempt < 4; attempt++) {
      const moment = Math.floor(Math.random() * (attempt === 0 ? 400 : 150));
      moments.push(moment);
      const outcome = await runAndKill(crashed.config, moment);
      if (outcome.killed) partial.push((await stats(crashed.config)).signals);
    }
    const finished = await runCli(['run', crashed.config, '--no-progress']);
    expect(finished.code, finished.stderr).toBe(0);
    expect(await stats(crashed.config), `killed ${moments.join(', ')} ms after a first commit`).toEqual(expected);
    // At least one kill landed in the middle of the import, after some batches had been committed.
    expect(
      partial.some((count) => count > 0 && count < SIGNALS),
      `signals after each kill: ${partial.join(', ')}`,
    ).toBe(true);
  }, 180_000);
});
