import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ManualClock } from '@handshake/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, formatConfigIssue } from '../config/config-issue.js';
import { createLogger } from '../logging/create-logger.js';
import { type LoadedPipeline, loadPipeline } from './load-pipeline.js';

const fixtures = fileURLToPath(new URL('../../test-fixtures/plugins', import.meta.url));
const events = () => ((globalThis as { __handshakeFixtureEvents?: string[] }).__handshakeFixtureEvents ??= []);

let dir: string;
let logLines: string[];
const loaded: LoadedPipeline[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'handshake-config-'));
  logLines = [];
  events().length = 0;
});

afterEach(async () => {
  for (const pipeline of loaded.splice(0)) await pipeline.host.dispose();
});

function writeConfig(text: string): string {
  const file = join(dir, 'pipeline.yaml');
  writeFileSync(file, text);
  return file;
}

async function load(text: string, env: NodeJS.ProcessEnv = {}) {
  const pipeline = await loadPipeline({
    file: writeConfig(text),
    cwd: dir,
    env,
    clock: new ManualClock('2026-01-01T00:00:00Z'),
    workspaceFolders: [],
    installedFrom: [],
    makeLogger: (level, redactor) => createLogger({ level, redactor, stream: { write: (line: string) => void logLines.push(line) } }),
  });
  loaded.push(pipeline);
  return pipeline;
}

async function issuesOf(text: string, env: NodeJS.ProcessEnv = {}): Promise<string[]> {
  try {
    await load(text, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map(formatConfigIssue);
    throw error;
  }
  throw new Error('expected the config to be rejected');
}

const header = `version: 1
me:
  name: Ada Lovelace
  identities:
    mastodon: https://hachyderm.example/users/ada
plugins:
  paths: [${fixtures}]
`;

describe('loadPipeline', () => {
  it("checks each plugin's options with its own schema, resolving paths against the YAML folder", async () => {
    const pipeline = await load(
      `${header}sources:
  - use: fixture-source
    id: mine
    with: { path: ./exports/data.json, token: "\${env:FIXTURE_TOKEN}" }
`,
      { FIXTURE_TOKEN: 's3cr3t-canary-token' },
    );
    expect(pipeline.sources).toHaveLength(1);
    expect(pipeline.sources[0]?.options).toEqual({ path: resolve(dir, 'exports/data.json'), token: 's3cr3t-canary-token', count: 1 });
    expect(pipeline.sources[0]?.plugin).toBe('@fixtures/fixture-source');
    expect(pipeline.storePath).toBe(join(dir, '.handshake', 'pipeline.db'));
  });

  it('redacts secret options in the printed config and in every log line', async () => {
    const pipeline = await load(
      `${header}sources:
  - use: fixture-source
    with: { path: data.json, token: "\${env:FIXTURE_TOKEN}" }
`,
      { FIXTURE_TOKEN: 's3cr3t-canary-token' },
    );
    expect(JSON.stringify(pipeline.printable)).not.toContain('s3cr3t-canary-token');
    expect(JSON.stringify(pipeline.printable)).toContain('[redacted]');
    await pipeline.host.activate();
    const batches = pipeline.sources[0]?.contribution.read({
      sourceId: 'fixture-source',
      options: pipeline.sources[0]?.options,
      cursor: undefined,
      abort: new AbortController().signal,
      plan: { me: [], targets: [], introducers: [], on: () => [] },
    });
    for await (const _ of batches ?? []) {
      // the fixture logs its token, as a careless plugin might
    }
    const output = logLines.join('');
    expect(output).toContain('reading with token');
    expect(output).not.toContain('s3cr3t-canary-token');
    expect(output).toContain('"plugin":"@fixtures/fixture-source"');
  });

  it('reports an unknown kind with the installed kinds and the closest one', async () => {
    const issues = await issuesOf(`${header}sources:
  - use: fixture-sorce
    with: { path: a.json }
`);
    expect(issues).toEqual([
      'pipeline.yaml:9:10 sources[0].use: unknown source kind "fixture-sorce". Installed: always-fails, exploding, fixture-source. Did you mean "fixture-source"?',
    ]);
  });

  it("reports a wrong option type inside a plugin's with: at its line and column", async () => {
    const issues = await issuesOf(`${header}sources:
  - use: fixture-source
    with:
      path: a.json
      count: "three"
`);
    expect(issues).toEqual(['pipeline.yaml:12:14 sources[0].with.count: expected number, received string']);
  });

  it('reports a missing required field where it should have been', async () => {
    const issues = await issuesOf(`version: 1
me:
  identities:
    mastodon: https://hachyderm.example/users/ada
`);
    expect(issues).toEqual(['pipeline.yaml:3:3 me.name: required field is missing (expected string)']);
  });

  it('reports an unset environment variable at the value that names it', async () => {
    const issues = await issuesOf(`${header}sources:
  - use: fixture-source
    with:
      path: "\${env:HANDSHAKE_TEST_UNSET}"
`);
    expect(issues[0]).toBe(
      'pipeline.yaml:11:13 sources[0].with.path: environment variable HANDSHAKE_TEST_UNSET is not set; set it, or give a default with ${env:HANDSHAKE_TEST_UNSET:-default}',
    );
  });

  it('uses an environment default when the variable is unset or empty, and reads unquoted numbers as numbers', async () => {
    const pipeline = await load(
      `${header}sources:
  - use: fixture-source
    with:
      path: \${env:DATA_PATH:-data/default.json}
      count: \${env:COUNT}
`,
      { DATA_PATH: '', COUNT: '3' },
    );
    expect(pipeline.sources[0]?.options).toMatchObject({ path: resolve(dir, 'data/default.json'), count: 3 });
  });

  it('reports a YAML syntax error with its position', async () => {
    const issues = await issuesOf(`version: 1
me:
  name: [Ada
`);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^pipeline\.yaml:\d+:\d+ YAML syntax error: /);
  });

  it('reports every problem at once, in file order', async () => {
    const issues = await issuesOf(`version: 2
me:
  name: Ada
  identities:
    twitter: 783214
plugins:
  paths: [${fixtures}]
sources:
  - use: nope
  - use: fixture-source
    every: soon
    with: { path: 7 }
`);
    expect(issues).toEqual([
      'pipeline.yaml:1:10 version: expected version: 1',
      'pipeline.yaml:5:14 me.identities.twitter: expected a string: quote ids ("783214") so that large numbers keep every digit',
      'pipeline.yaml:9:10 sources[0].use: unknown source kind "nope". Installed: always-fails, exploding, fixture-source',
      'pipeline.yaml:11:12 sources[1].every: expected a duration such as 90s, 30m, 12h or 180d',
      'pipeline.yaml:12:19 sources[1].with.path: expected string, received number',
    ]);
  });

  it('refuses a plugin whose engines.handshake excludes this version, naming both versions, without importing it', async () => {
    const issues = await issuesOf(`${header}sources:
  - use: future-source
`);
    expect(issues).toEqual([
      'pipeline.yaml:9:10 sources[0].use: source kind "future-source" comes from @fixtures/incompatible-engine, which cannot load: @fixtures/incompatible-engine 2.0.0 needs handshake ^9.0.0, but this is handshake 0.1.0',
    ]);
  });

  it('never imports a plugin the config does not use', async () => {
    // throws-on-import sits in the same folder and throws when imported: importing it would fail this load.
    const pipeline = await load(`${header}sinks:
  - use: fixture-sink
    with: { label: digest }
`);
    expect(pipeline.host.plugins.map((plugin) => plugin.plugin.name)).toEqual(['@fixtures/fixture-sink']);
    expect(pipeline.catalog.kinds('sources')).toContain('exploding');
  });

  it('names the plugin when a used plugin fails to import', async () => {
    const issues = await issuesOf(`${header}sources:
  - use: exploding
`);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(
      /^pipeline\.yaml:9:10 sources\[0\]\.use: plugin @fixtures\/throws-on-import: could not import .*index\.js: throws-on-import was imported$/,
    );
  });

  it("fails the boot with the plugin's name when activate() throws", async () => {
    const pipeline = await load(`${header}rules:
  - use: fragile
`);
    await expect(pipeline.host.activate()).rejects.toThrow(
      'plugin @fixtures/fragile-activate: activate() failed: cannot reach the thing it needs',
    );
  });

  it('releases plugins in reverse order of loading', async () => {
    const pipeline = await load(`${header}sources:
  - use: fixture-source
    with: { path: a.json }
sinks:
  - use: fixture-sink
    with: { label: x }
`);
    await pipeline.host.activate();
    await pipeline.host.dispose();
    // Loaded in catalog order (by name); released in reverse, each plugin's hook before its disposables.
    expect(events().filter((event) => !event.endsWith(':imported'))).toEqual([
      'fixture-sink:activate',
      'fixture-source:activate',
      'fixture-source:deactivate',
      'fixture-source:dispose',
      'fixture-sink:deactivate',
      'fixture-sink:dispose',
    ]);
  });

  it('rejects duplicate ids and unknown fields', async () => {
    const issues = await issuesOf(`${header}sources:
  - use: fixture-source
    with: { path: a.json }
  - use: fixture-source
    with: { path: b.json }
    colour: blue
`);
    expect(issues).toEqual([
      'pipeline.yaml:11:10 sources[1].use: duplicate id "fixture-source" (also sources[0]); give each entry a unique "id"',
      'pipeline.yaml:13:5 sources[1].colour: unknown field "colour"',
    ]);
  });
});
