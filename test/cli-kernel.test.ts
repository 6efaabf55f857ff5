import { describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';

describe('handshake validate', () => {
  it('reports every problem with file:line:col and exits 1', async () => {
    const result = await runCli(['validate', 'test/fixtures/configs/broken.yaml']);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toBe('4 problems in the config:');
    expect(lines.slice(1)).toEqual([
      'test/fixtures/configs/broken.yaml:4:3 me.name: required field is missing (expected string)',
      expect.stringMatching(
        /^test\/fixtures\/configs\/broken\.yaml:9:10 sources\[0\]\.use: unknown source kind "fixture-sorce"\. Installed: (?=.*\bfixture-source\b)(?=.*\bjsonl\b).*\. Did you mean "fixture-source"\?$/,
      ),
      'test/fixtures/configs/broken.yaml:12:13 sources[1].with.path: environment variable HANDSHAKE_BROKEN_UNSET is not set; set it, or give a default with ${env:HANDSHAKE_BROKEN_UNSET:-default}',
      'test/fixtures/configs/broken.yaml:13:14 sources[1].with.count: expected number, received string',
    ]);
  });

  it('reports a YAML syntax error with its position and exits 1', async () => {
    const result = await runCli(['validate', 'test/fixtures/configs/syntax-error.yaml']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/test\/fixtures\/configs\/syntax-error\.yaml:\d+:\d+ YAML syntax error: /);
  });

  it('prints a one-line summary and exits 0 for a valid config, with secrets redacted when printed', async () => {
    const env = { FIXTURE_TOKEN: 'canary-3f9a1c' };
    const summary = await runCli(['validate', 'test/fixtures/configs/secrets.yaml'], { env });
    expect(summary.code).toBe(0);
    expect(summary.stdout).toBe(
      'test/fixtures/configs/secrets.yaml is valid: 1 source, 0 rules, 0 sinks, 0 targets; plugins: @fixtures/fixture-source@1.2.3\n',
    );
    const printed = await runCli(['validate', 'test/fixtures/configs/secrets.yaml', '--print'], { env });
    expect(printed.code).toBe(0);
    expect(JSON.parse(printed.stdout).sources[0].with.token).toBe('[redacted]');
    expect(printed.stdout + printed.stderr).not.toContain('canary-3f9a1c');
  });
});

describe('handshake plugins', () => {
  it('lists plugins with versions, kinds and compatibility, the incompatible one with both versions', async () => {
    const result = await runCli(['plugins', '--json', '--path', 'packages/core/test-fixtures/plugins']);
    expect(result.code).toBe(0);
    const { handshake, plugins } = JSON.parse(result.stdout) as {
      handshake: string;
      plugins: { name: string; compatible: boolean; problem?: string; contributes: { sources: string[] } }[];
    };
    expect(handshake).toBe('0.1.0');
    const incompatible = plugins.find((plugin) => plugin.name === '@fixtures/incompatible-engine');
    expect(incompatible).toMatchObject({
      compatible: false,
      problem: '@fixtures/incompatible-engine 2.0.0 needs handshake ^9.0.0, but this is handshake 0.1.0',
    });
    expect(plugins.find((plugin) => plugin.name === '@handshake/source-jsonl')).toMatchObject({
      compatible: true,
      contributes: { sources: ['jsonl'] },
    });
  });
});

describe('handshake schema', () => {
  it("prints a JSON Schema with each installed plugin's options under its kind", async () => {
    const result = await runCli(['schema', '--path', 'packages/core/test-fixtures/plugins']);
    expect(result.code).toBe(0);
    const schema = JSON.parse(result.stdout);
    const sourceItem = schema.properties.sources.items;
    expect(sourceItem.properties.use.enum).toContain('fixture-source');
    const branch = sourceItem.allOf.find(
      (entry: { if: { properties: { use: { const: string } } } }) => entry.if.properties.use.const === 'fixture-source',
    );
    expect(branch.then.properties.with.properties.count).toMatchObject({ type: 'integer', minimum: 1, default: 1 });
    expect(branch.then.properties.with.required).toEqual(['path']);
    expect(result.stderr).toContain('skipped @fixtures/incompatible-engine');
    expect(result.stderr).toContain('throws-on-import was imported');
  });
});

describe('--help', () => {
  it.each([['validate'], ['plugins'], ['schema'], ['run'], ['state']])('shows an example for %s', async (command) => {
    const result = await runCli([command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Examples?:\n\s+\$ handshake /);
  });
});
