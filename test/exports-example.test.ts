import { cp, readFile, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { temporaryFolder } from '@handshake/testing';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './support/cli.js';

interface SourceSummary {
  readonly source: string;
  readonly kind: string;
  readonly status: string;
  readonly read: number;
  readonly stored: number;
  readonly duplicate: number;
  readonly rejected: number;
  readonly skipped: number;
  readonly rejections: readonly unknown[];
}

interface Decision {
  readonly target: { readonly name: string };
  readonly status: string;
  readonly until?: string;
  readonly via?: { readonly name: string };
  readonly reasons: readonly { readonly rule: string; readonly text: string; readonly evidence: readonly string[] }[];
}

/** A copy of configs/ in a fresh folder, so the test never touches a user's own ledger or digest. */
async function configsCopy(): Promise<string> {
  const dir = await temporaryFolder('handshake-exports-');
  await cp(join(repoRoot, 'configs'), join(dir, 'configs'), { recursive: true });
  // The Mastodon follows CSV carries no dates: its follows are dated by the file's modification
  // time. Pin it to the day Ada exported it, so the example judges the same way on every checkout.
  const exported = new Date('2026-11-18T09:00:00Z');
  await utimes(join(dir, 'configs/exports/mastodon/following_accounts.csv'), exported, exported);
  return dir;
}

describe('the exports example', () => {
  it('is a valid pipeline', async () => {
    const result = await runCli(['validate', 'configs/exports.yaml'], { cwd: await configsCopy() });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('configs/exports.yaml is valid: 7 sources, 7 rules, 2 sinks, 3 targets');
  });

  it("reads Ada's five kinds of exports, links each export's owner to her, and decides for the three targets", async () => {
    const dir = await configsCopy();
    const result = await runCli(['run', 'configs/exports.yaml', '--json'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const run = JSON.parse(result.stdout) as { summary: { sources: SourceSummary[] }; decisions: Decision[] };

    // Every record of the samples is read; the skipped ones are what the exports cannot tell:
    // twitter, a like of a tweet whose author the archive does not name; mastodon, a like of a
    // Misskey note and a bookmark; linkedin, the blank row of a member who hid their profile.
    expect(
      run.summary.sources.map(({ source, kind, status, read, stored, duplicate, rejected, skipped }) => ({
        source,
        kind,
        status,
        read,
        stored,
        duplicate,
        rejected,
        skipped,
      })),
    ).toEqual([
      { source: 'ada-twitter', kind: 'twitter-archive', status: 'ok', read: 27, stored: 26, duplicate: 0, rejected: 0, skipped: 1 },
      { source: 'ada-mastodon', kind: 'mastodon-archive', status: 'ok', read: 17, stored: 15, duplicate: 0, rejected: 0, skipped: 2 },
      { source: 'ada-linkedin', kind: 'linkedin-export', status: 'ok', read: 15, stored: 14, duplicate: 0, rejected: 0, skipped: 1 },
      { source: 'ada-facebook', kind: 'facebook-export', status: 'ok', read: 8, stored: 8, duplicate: 0, rejected: 0, skipped: 0 },
      { source: 'ada-blog', kind: 'feed', status: 'ok', read: 6, stored: 6, duplicate: 0, rejected: 0, skipped: 0 },
      { source: 'ada-blogroll', kind: 'feed', status: 'ok', read: 4, stored: 4, duplicate: 0, rejected: 0, skipped: 0 },
      { source: 'dan-blog', kind: 'feed', status: 'ok', read: 6, stored: 6, duplicate: 0, rejected: 0, skipped: 0 },
    ]);
    expect(run.summary.sources.flatMap((source) => source.rejections)).toEqual([]);

    // Each export marks its owner (the Twitter account, the Mastodon actor, the LinkedIn sender,
    // Facebook's `~owner`, the feeds read with `owner: me`), and the ledger makes them all Ada:
    // 19 persons are Ada, the three targets and 15 others, none of them a second Ada. The others
    // stay apart per network, since no export links their accounts: Alice (twitter, mastodon,
    // linkedin, facebook, her blog), Bob (twitter, linkedin, facebook, his site), Carol (mastodon,
    // linkedin twice: by URL in Connections.csv and by name in Invitations.csv, facebook, her
    // blog) and Léa (facebook).
    const stats = await runCli(['state', 'stats', 'configs/exports.yaml', '--json'], { cwd: dir });
    expect(stats.code, stats.stderr).toBe(0);
    expect(JSON.parse(stats.stdout)).toMatchObject({
      signals: 79,
      persons: 19,
      identities: 33,
      bySource: {
        'ada-twitter': 26,
        'ada-mastodon': 15,
        'ada-linkedin': 14,
        'ada-facebook': 8,
        'ada-blog': 6,
        'ada-blogroll': 4,
        'dan-blog': 6,
      },
    });

    // Exports hold only Ada's side: Dan is close but nobody vouches yet, Grace does not know her,
    // and two unanswered direct messages put Hugo on hold.
    const decisions = run.decisions;
    expect(decisions.map((decision) => [decision.target.name, decision.status])).toEqual([
      ['Dan Example', 'warm-up'],
      ['Grace Cold', 'warm-up'],
      ['Hugo Busy', 'hold'],
    ]);
    expect(decisions[2]?.until).toBe('2026-12-15T09:00:00.000Z');
    expect(decisions.every((decision) => decision.reasons.some((reason) => reason.text.includes('Ada Lovelace')))).toBe(true);

    // The rules count what the owners of the LinkedIn export, the blog and the blogroll did as Ada's.
    const danEvidence = decisions[0]?.reasons.flatMap((reason) => reason.evidence) ?? [];
    expect(danEvidence).toContainEqual(expect.stringMatching(/^linkedin:message\/.*#to:https:\/\/www\.linkedin\.com\/in\/adalovelace$/));
    expect(danEvidence).toContain('feed:https://ada.example/atom.xml https://ada.example/posts/wasm-profiling#link:https://dan.example');
    expect(danEvidence).toContain('feed:follow:~owner>https://dan.example/feed.xml');
    expect(danEvidence).toContain('twitter:2099075614110647506#reply');

    const digest = await readFile(join(dir, 'out/exports-digest.md'), 'utf8');
    expect(digest).toContain("# Ada's warm introductions, from her exports");
    expect(digest).toContain('- Holds until 2026-12-15');
  });
});
