import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FixtureServer, temporaryFolder } from '@handshake/testing';
import { afterEach, describe, expect, it } from 'vitest';
import {
  contributor,
  githubEvent,
  githubHeaders,
  issue,
  publicUser,
  pullRequest,
  repository,
  simpleUser,
} from '../plugins/source-github/src/__fixtures__/github-shapes.js';
import { runCli } from './support/cli.js';

const ada = { id: 1001, login: 'ada' };
const dan = { id: 2002, login: 'dan' };
const alice = { id: 3003, login: 'alice' };
const parser = repository(901, 'alice/parser', alice);
const notes = repository(701, 'ada/notes', ada);
const engine = repository(501, 'dan/engine', dan);
const lexer = repository(502, 'dan/lexer', dan);

/** A comment by `actor` on an issue of `repo`, `days` before the pipeline's `now`. */
function commentEvent(id: number, actor: typeof ada, repo: ReturnType<typeof repository>, days: number) {
  return githubEvent({
    id: String(id),
    type: 'IssueCommentEvent',
    actor,
    repo: { id: repo.id, name: repo.full_name },
    createdAt: daysBeforeNow(days),
    payload: {
      action: 'created',
      issue: issue(repo.full_name, id % 100, 'Edge cases in the tokenizer', repo.owner),
      comment: { id, body: '…' },
    },
  });
}

/** A pull request `actor` opened on `repo`. */
function pullRequestEvent(id: number, actor: typeof ada, repo: ReturnType<typeof repository>, days: number) {
  return githubEvent({
    id: String(id),
    type: 'PullRequestEvent',
    actor,
    repo: { id: repo.id, name: repo.full_name },
    createdAt: daysBeforeNow(days),
    payload: { action: 'opened', number: id % 100, pull_request: pullRequest(repo, id % 100, 'Handle CRLF', actor) },
  });
}

const NOW = Date.parse('2026-11-20T12:00:00Z');
const daysBeforeNow = (days: number) => new Date(NOW - days * 86_400_000).toISOString().replace('.000', '');

/**
 * GitHub as it would answer for Ada (the user), Dan (the target) and Alice. Ada's public data shows
 * her long work on Alice's parser; Alice's own timeline and lists only her answers to Ada and their
 * follows. That Alice and Dan know each other shows only in Dan's public data: his comments on her
 * parser in his events, and her commits among the contributors of his repositories.
 */
function routeGithub(server: FixtureServer): void {
  const json = (body: unknown, etag: string) => ({
    headers: githubHeaders({ date: 'Fri, 20 Nov 2026 11:00:00 GMT', etag, remaining: 4999, limit: 5000 }),
    body,
  });
  const person = (user: typeof ada, name: string, events: unknown[], following: (typeof ada)[], followers: (typeof ada)[]) => {
    const profile = publicUser(user.id, user.login, { name, followers: followers.length, following: following.length });
    server.route({ path: `/user/${user.id}`, responses: json(profile, `"${user.login}-profile"`) });
    server.route({ path: `/users/${user.login}`, responses: json(profile, `"${user.login}-profile"`) });
    server.route({ path: `/users/${user.login}/events/public`, responses: json(events, `"${user.login}-events"`) });
    const list = (users: (typeof ada)[]) => users.map((other) => simpleUser(other.id, other.login));
    server.route({ path: `/users/${user.login}/following`, responses: json(list(following), `"${user.login}-following"`) });
    server.route({ path: `/users/${user.login}/followers`, responses: json(list(followers), `"${user.login}-followers"`) });
  };
  // Ada → Alice: thirteen months of comments and pull requests on Alice's parser.
  const adaEvents = [400, 300, 200, 120, 90, 60, 45, 30, 20, 12, 6, 2].map((days, index) =>
    index % 3 === 0 ? pullRequestEvent(7100 + index, ada, parser, days) : commentEvent(7100 + index, ada, parser, days),
  );
  person(ada, 'Ada Lovelace', adaEvents, [alice], [alice]);
  // Alice → Ada: her answers on Ada's notes; nothing in her timeline involves Dan.
  const aliceEvents = [380, 150, 70, 40, 25, 10, 3].map((days, index) => commentEvent(7200 + index, alice, notes, days));
  person(alice, 'Alice Mutual', aliceEvents, [ada], [ada]);
  person(dan, 'Dan Example', danEvents(), [], []);
  server.route({ path: '/users/dan/repos', responses: json([engine, lexer], '"dan-repos"') });
  // Alice → Dan: her commits to his engine and his lexer, seen among their contributors.
  for (const repo of [engine, lexer]) {
    server.route({
      path: `/repos/${repo.full_name}/contributors`,
      responses: json([contributor(dan.id, dan.login, 410), contributor(alice.id, alice.login, 57)], `"${repo.name}-contributors"`),
    });
  }
}

/** Dan → Alice: his comments on her parser, seen in his own public events. */
function danEvents() {
  return [500, 250, 100, 50, 35, 15, 5, 1].map((days, index) => commentEvent(7300 + index, dan, parser, days));
}

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

describe('a pipeline fed by API sources', () => {
  it("asks for an introduction through an introducer whose tie to the target shows only in the target's public data", async () => {
    server = await new FixtureServer().start();
    routeGithub(server);
    const dir = await temporaryFolder('handshake-api-e2e-');
    const config = join(dir, 'pipeline.yaml');
    await writeFile(
      config,
      [
        'version: 1',
        'now: 2026-11-20T12:00:00Z',
        'me: { name: Ada Lovelace, identities: { github: "1001" } }',
        'targets:',
        '  - { name: Dan Example, identities: { github: "2002" } }',
        'sources:',
        '  - use: github',
        `    with: { baseUrl: "${server.url}", token: "ghp_canary0123456789" }`,
        'rules:',
        '  - use: dont-bug',
        '  - use: introducer',
        '    weight: 2',
        '  - use: reciprocity',
        '    weight: 0.5',
        'decide: { ask-at: 0.7, warm-up-at: 0.4 }',
        'store: { path: ./ledger.db }',
        '',
      ].join('\n'),
    );

    // The first run reads the user and the target; Alice is not in the plan yet, so her timeline and
    // follow lists are not read (her profile is looked up only to key her repository by her id).
    const first = await runCli(['run', config, '--json'], { cwd: dir });
    expect(first.code, first.stderr).toBe(0);
    // Ada's data alone shows her reaching out to Alice, hardly Alice answering: not yet enough to ask her.
    expect(JSON.parse(first.stdout).decisions[0]).toMatchObject({ status: 'warm-up' });
    const readsAlice = () => server?.requests.filter((request) => /^\/users\/alice\/(events|following|followers)/.test(request.path)) ?? [];
    expect(readsAlice()).toEqual([]);

    // The second run's crawl plan names Alice, tied to both, as a likely introducer, and reads her too.
    const second = await runCli(['run', config, '--json'], { cwd: dir });
    expect(second.code, second.stderr).toBe(0);
    expect(readsAlice().map((request) => request.path)).toEqual(expect.arrayContaining(['/users/alice/events/public']));
    const run = JSON.parse(second.stdout) as {
      decisions: {
        target: { name: string };
        status: string;
        via?: { name: string };
        readiness: number;
        reasons: { rule: string; text: string; evidence: string[] }[];
      }[];
    };
    const [decision] = run.decisions;
    expect(decision).toMatchObject({ target: { name: 'Dan Example' }, status: 'ask', via: { name: 'Alice Mutual' } });
    // The Alice–Dan leg rests on what Dan's public data showed: his events and his repositories' contributors.
    const leg = decision?.reasons.find((reason) => reason.rule === 'introducer' && reason.text.startsWith('Alice Mutual and Dan Example'));
    expect(leg?.evidence.length).toBeGreaterThan(0);
    const danEventIds = new Set(danEvents().map((event) => `github:event/${event.id}`));
    for (const id of leg?.evidence ?? [])
      expect(danEventIds.has(id) || id.startsWith('github:contribution:3003>2002@repo/'), id).toBe(true);

    // The secret went to GitHub as a header, and nowhere into what handshake printed or logged.
    expect(server.requests.every((request) => request.headers.authorization === 'Bearer ghp_canary0123456789')).toBe(true);
    for (const output of [first.stdout, first.stderr, second.stdout, second.stderr]) expect(output).not.toContain('canary0123456789');
  });
});
