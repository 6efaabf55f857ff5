import { describe, expect, it } from 'vitest';
import { runStory } from './support/story.js';

// Each story is a JSON lines file in test/scenarios: Mia Me wants to meet Tara Target, and the
// signals tell what happened between them and around them, up to 2026-11-20. The demo's rules judge.
describe('stories', () => {
  it('the cold pitch: following someone is not knowing them; warm up, starting from their world', async () => {
    const { evaluation, reasons, nextSteps } = await runStory('cold-pitch');
    expect(evaluation.decision.status).toBe('warm-up');
    expect(evaluation.decision.readiness).toBeLessThan(0.4);
    expect(reasons).toContain('Tara Target shows no sign of knowing Mia Me');
    expect(reasons).toContain('the relationship is cold');
    expect(nextSteps).toContain('Write something useful about rust or wasm, topics Tara Target cares about.');
    expect(nextSteps).toContain("Answer Tara Target's latest post https://t.example/@target/3 (2026-11-10)");
  });

  it('the slow warm-up by contribution: shares and replies Tara acknowledged make her familiar, but with no one to vouch it is not yet an ask', async () => {
    const { evaluation, reasons } = await runStory('slow-warm-up-by-contribution');
    expect(evaluation.decision.status).toBe('warm-up');
    expect(evaluation.decision.readiness).toBeGreaterThanOrEqual(0.4);
    expect(reasons).toMatch(
      /Mia Me shared Tara Target's work 3 times, last on 2026-11-11 \(9 days ago\); 2 acknowledged by Tara Target or their circle\./,
    );
    expect(reasons).toContain('Tara Target is familiar with Mia Me');
    expect(reasons).toContain('is below direct-ask-at 0.85');
  });

  it('the warm path through a mutual friend: ask Finn, who is close to both', async () => {
    const { evaluation, reasons } = await runStory('warm-path-through-a-mutual-friend');
    expect(evaluation.decision).toMatchObject({ status: 'ask', via: { name: 'Finn Friend' } });
    expect(evaluation.decision.readiness).toBeGreaterThanOrEqual(0.7);
    expect(evaluation.decision.nextSteps[0]).toBe('Ask Finn Friend to introduce you to Tara Target.');
    expect(reasons).toMatch(/Mia Me and Finn Friend: a strong tie/);
  });

  it('the user who keeps pinging: three unanswered messages hold the ask, with the day it lifts', async () => {
    const { evaluation, reasons } = await runStory('keeps-pinging');
    expect(evaluation.decision).toMatchObject({ status: 'hold', until: '2026-12-14T10:00:00.000Z' });
    expect(evaluation.decision.via).toBeUndefined();
    expect(reasons).toContain(
      'Mia Me wrote to or mentioned Tara Target 3 times between 2026-10-28 and 2026-11-14, and Tara Target has not answered since 2026-09-01.',
    );
    expect(evaluation.decision.nextSteps[0]).toBe(
      'Do not write to Tara Target again now; wait until 2026-12-14, and contribute to their world meanwhile.',
    );
  });

  it('the friendship gone stale: thirty exchanges three years ago leave a weak tie today', async () => {
    const { evaluation, reasons } = await runStory('friendship-gone-stale');
    expect(evaluation.decision.status).toBe('warm-up');
    expect(reasons).toMatch(/Mia Me and Tara Target: a weak tie \(0\.\d+\); last exchange 3\.4 years ago \(2023-06-15\)/);
    expect(reasons).toContain('have had no exchanges in the last 180 days');
  });

  it('the hub who knows everyone: a mutual who follows 21,000 accounts is no trusted associate', async () => {
    const { evaluation, reasons } = await runStory('hub-who-knows-everyone');
    expect(evaluation.decision.status).toBe('warm-up');
    expect(evaluation.decision.via).toBeUndefined();
    expect(reasons).toContain('Hal Hub follows 21,000 accounts: a hub rather than a trusted associate, so this path counts ×0.22.');
  });

  it('the introduction asked a month ago: hold for ninety days after the ask', async () => {
    const { evaluation } = await runStory('introduction-asked-recently');
    expect(evaluation.decision).toMatchObject({ status: 'hold', until: '2027-01-23T10:00:00.000Z' });
    expect(evaluation.decision.reasons[0]?.text).toContain('An introduction to Tara Target was asked on 2026-10-25 (asked)');
  });

  it('the block: no ask of any kind while Tara blocks Mia, and the hold says what lifts it', async () => {
    const { evaluation } = await runStory('blocked');
    expect(evaluation.decision.status).toBe('hold');
    expect(evaluation.decision.until).toBeUndefined();
    expect(evaluation.decision.nextSteps[0]).toBe(
      'Do not write to Tara Target again now; wait until Tara Target unblocks Mia Me, and contribute to their world meanwhile.',
    );
  });
});
