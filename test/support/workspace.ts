import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A folder with a pipeline config, for tests that run the real CLI on it. */
export interface Workspace {
  readonly dir: string;
  readonly config: string;
}

export interface WorkspaceOptions {
  readonly signalsFile?: string;
  readonly extraYaml?: string;
  readonly targets?: string;
}

/** Writes a config that reads `signals.jsonl` beside it into `ledger.db`, with the reciprocity rule. */
export async function createWorkspace(options: WorkspaceOptions = {}): Promise<Workspace> {
  const dir = await mkdtemp(join(tmpdir(), 'handshake-e2e-'));
  const config = join(dir, 'pipeline.yaml');
  await writeFile(
    config,
    [
      'version: 1',
      'me:',
      '  name: Ada Lovelace',
      '  identities: { mastodon: "https://a.example/users/ada" }',
      `targets:${options.targets ?? '\n  - { name: Dan Example, identities: { twitter: "783214" } }'}`,
      'sources:',
      '  - use: jsonl',
      '    id: signals',
      `    with: { path: ${options.signalsFile ?? './signals.jsonl'} }`,
      'rules:',
      '  - use: reciprocity',
      'store: { path: ./ledger.db }',
      options.extraYaml ?? '',
      '',
    ].join('\n'),
  );
  return { dir, config };
}
