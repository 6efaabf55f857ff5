import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { temporaryFolder } from '@handshake/testing';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './support/cli.js';

/** A copy of configs/ in a fresh folder, so the test never touches a user's own demo ledger. */
async function demoCopy(): Promise<string> {
  const dir = await temporaryFolder('handshake-demo-');
  await cp(join(repoRoot, 'configs'), join(dir, 'configs'), { recursive: true });
  return dir;
}

describe('the demo', () => {
  it('prints an ask through an introducer, a warm-up with next steps and a hold, and writes the sinks', async () => {
    const dir = await demoCopy();
    const result = await runCli(['run', 'configs/demo.yaml', '--no-progress'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Decisions: 1 ask, 1 warm-up, 1 hold (3 changed since the last run).');
    expect(result.stdout).toMatch(/Dan Example\s+ask\s+0\.\d\d\s+via Alice Mutual\s+Ask Alice Mutual to introduce you to Dan Example\./);
    expect(result.stdout).toMatch(/Grace Cold\s+warm-up\s+0\.\d\d\s+Write something useful about climate or databases/);
    expect(result.stdout).toMatch(/Hugo Busy\s+hold\s+0\.\d\d\s+until 2026-12-15/);

    const decisions = (await readFile(join(dir, 'out/decisions.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(decisions.map((decision) => [decision.target.name, decision.status])).toEqual([
      ['Dan Example', 'ask'],
      ['Grace Cold', 'warm-up'],
      ['Hugo Busy', 'hold'],
    ]);
    expect(decisions[0].reasons.every((reason: { rule: string; text: string; evidence: string[] }) => reason.rule && reason.text)).toBe(
      true,
    );
    const digest = await readFile(join(dir, 'out/digest.md'), 'utf8');
    expect(digest).toContain("# Ada's warm introductions");
    expect(digest).toContain('## Ask now (1)');
    expect(digest).toContain('- Path: through Alice Mutual');
    expect(digest).toContain('- Holds until 2026-12-15');

    // Nothing changed: a second run records no new decision.
    const again = await runCli(['run', 'configs/demo.yaml', '--no-progress'], { cwd: dir });
    expect(again.stdout).toContain('(0 changed since the last run)');
    expect((await readFile(join(dir, 'out/decisions.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(3);
  });

  it("explains a decision with each rule's verdict, its evidence and what would change it", async () => {
    const dir = await demoCopy();
    await runCli(['run', 'configs/demo.yaml', '--no-progress'], { cwd: dir });
    const result = await runCli(['explain', 'configs/demo.yaml', 'grace cold'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Grace Cold (p_3): warm up, readiness');
    expect(result.stdout).toMatch(/contribution\s+0\.00 × 1\.5/);
    expect(result.stdout).toContain('· post Grace Cold, 2026-11-16: "On databases and climate"');
    expect(result.stdout).toContain('What would change it');
    expect(result.stdout).toContain('No mutual connection ties you to Grace Cold yet');

    const world = await runCli(['world', 'configs/demo.yaml', 'Grace Cold'], { cwd: dir });
    expect(world.stdout).toContain("Grace Cold's world, as of 2026-11-20");
    expect(world.stdout).toContain('Grace Cold contributes to github.com/carolcodes/tidepool (3 contributions).');
    expect(world.stdout).toContain('What you could do');

    const unknown = await runCli(['explain', 'configs/demo.yaml', 'Nobody'], { cwd: dir });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no target matches "Nobody". Targets:');
  });
});
