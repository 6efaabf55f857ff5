import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type SourceContribution, systemClock } from '@handshake/sdk';
import { FixtureServer, loadPluginModule, RecordingLogger, readSource } from '@handshake/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BLOGS, DAN, npfPost, postsAnswer, text } from './__fixtures__/tumblr-fixtures.js';
import { tumblrSourceModule } from './index.js';
import { TumblrReadError } from './tumblr-read-error.js';

/** `../shared/corpus` from the repository root: the valid JSON examples of Tumblr's API docs. */
const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/tumblr/official-doc-examples/', import.meta.url));
const HAS_CORPUS = existsSync(CORPUS);
const KEY = 'corpus-test-key-77a0';

describe.skipIf(!HAS_CORPUS)(
  `tumblr source on the API docs' examples${HAS_CORPUS ? '' : ` (skipped: ${CORPUS} is absent on this machine)`}`,
  () => {
    const server = new FixtureServer();
    const logger = new RecordingLogger();
    const plugin = loadPluginModule(tumblrSourceModule, { clock: systemClock, logger });
    const source = plugin.source('tumblr') as SourceContribution<unknown>;
    const example = (name: string) => JSON.parse(readFileSync(`${CORPUS}${name}`, 'utf8')) as Record<string, unknown>;
    const read = (blogs: { plan?: string[]; accounts?: string[] }) =>
      readSource(
        source,
        { baseUrl: server.url, apiKey: KEY, accounts: blogs.accounts ?? [], likes: false },
        { plan: { targets: (blogs.plan ?? []).map((id) => ({ network: 'tumblr', id })) } },
      );

    beforeAll(async () => {
      await server.start();
    });
    afterEach(() => server.reset());
    afterAll(async () => {
      await plugin.dispose();
      await server.stop();
    });

    it('reads the notes example of /notes?mode=all: each like and reblog from the noting blog to the post', async () => {
      const notes = example('notes-mode-all.json');
      const listed = (notes.response as { notes: { type: string; blog_uuid: string; timestamp: number }[]; total_notes: number }).notes;
      server.route({
        path: `/v2/blog/${DAN}/posts`,
        responses: postsAnswer(
          BLOGS.dan,
          [npfPost(BLOGS.dan, { id: '1123456688800000', timestamp: 1595527000, noteCount: listed.length, content: [text('Hi')] })],
          1,
        ),
      });
      const route = server.route({
        path: `/v2/blog/${DAN}/notes`,
        query: { id: '1123456688800000', mode: 'all' },
        responses: { body: notes },
      });
      const run = await read({ plan: [DAN] });
      expect(run.error).toBeUndefined();
      expect(route.hits).toBe(1);
      expect(run.rejected).toEqual([]);
      const fromNotes = run.signals.filter((signal) => signal.kind !== 'post');
      expect(fromNotes.map((signal) => [signal.kind, signal.actor.id, signal.subject.id, signal.at])).toEqual(
        listed.map((item) => [
          item.type === 'reblog' ? 'share' : item.type,
          item.blog_uuid,
          DAN,
          new Date(item.timestamp * 1000).toISOString().replace('.000Z', 'Z'),
        ]),
      );
      expect(fromNotes[0]?.id).toBe(`tumblr:1123456688899000#share:${DAN}`);
      expect(fromNotes[1]?.id).toBe(`tumblr:1123456688800000#like:t:abcd1234`);
      expect(run.identities).toContainEqual({
        network: 'tumblr',
        id: 't:abcd1234',
        handle: 'test-blog',
        url: 'https://test-blog.tumblr.com/',
      });
    });

    it('skips a blog whose answer is partial and names no uuid, and reads one already known by uuid', async () => {
      const partial = example('blog-info-partial-response.json');
      const answer = { body: { ...partial, response: { ...(partial.response as object), posts: [], total_posts: 0 } } };
      server.route({ path: '/v2/blog/david/posts', responses: answer });
      server.route({ path: `/v2/blog/${DAN}/posts`, responses: answer });
      const run = await read({ plan: [DAN], accounts: ['david'] });
      expect(run.error).toBeUndefined();
      expect(run.skipped.map((skip) => skip.reason)).toEqual([
        'the answer names no blog uuid (t:...), the only key that outlives a rename: nothing of david is read',
      ]);
      expect(JSON.parse(run.cursor as string).blogs[DAN].posts).toEqual({});
    });

    it('raises the docs error example (400 with a subcode), as JSON and as JSONP, clearly', async () => {
      const error = example('error-400-subcode.json');
      for (const body of [error, `callback(${JSON.stringify(error)});`]) {
        server.reset();
        server.route({
          path: `/v2/blog/${DAN}/posts`,
          responses: { body, headers: { 'content-type': typeof body === 'string' ? 'application/javascript' : 'application/json' } },
        });
        const run = await read({ plan: [DAN] });
        expect(run.error).toBeInstanceOf(TumblrReadError);
        expect((run.error as Error).message).toContain(`tumblr: cannot read the posts of ${DAN}`);
        expect((run.error as Error).message).toContain("failed after 1 attempt: Tumblr 400 Bad Request: 'content' must be an array'");
        expect((run.error as Error).message).not.toContain(KEY);
      }
      expect(logger.text()).not.toContain(KEY);
    });
  },
);
