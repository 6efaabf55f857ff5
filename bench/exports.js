// The export benchmark: `npm run bench:exports [-- --mb 100 --only twitter]`.
// For each network's export source, generates a synthetic export of that many megabytes of content
// (the plugin's own generator, in the real format), imports it with `handshake run` as a user would,
// and prints the time, the signals and the peak memory of the process. No test asserts on them.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const work = join(root, '.bench', 'exports');
const { values } = parseArgs({
  options: {
    mb: { type: 'string', default: '100' },
    only: { type: 'string' },
  },
});
const targetBytes = Number(values.mb) * 1024 * 1024;

/** Each export source with its plugin's generator. */
const EXPORTS = [
  { kind: 'twitter-archive', plugin: '@handshake/source-twitter' },
  { kind: 'mastodon-archive', plugin: '@handshake/source-mastodon' },
  { kind: 'linkedin-export', plugin: '@handshake/source-linkedin' },
  { kind: 'facebook-export', plugin: '@handshake/source-facebook' },
].filter((entry) => values.only === undefined || entry.kind.startsWith(values.only));

function runCli(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', join(root, 'bench/report-rss.js'), join(root, 'packages/cli/dist/main.js'), ...args],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve({ stdout, stderr }) : reject(new Error(`handshake ${args.join(' ')} exited ${code}\n${stderr}`)),
    );
  });
}

/** The size of a file, or of every file in a folder. */
function sizeOf(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.size;
  let total = 0;
  for (const entry of readdirSync(path)) total += sizeOf(join(path, entry));
  return total;
}

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const count = (value) => new Intl.NumberFormat('en-US').format(Math.round(value));

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
process.stdout.write(`export imports, ${values.mb} MB of content each (handshake run, one source, an empty ledger)\n\n`);
process.stdout.write('source             archive    generated  read        stored      seconds  signals/s  peak memory\n');
for (const { kind, plugin } of EXPORTS) {
  const folder = join(work, kind);
  const { generateLargeExport } = await import(`${plugin}/bench`);
  const archive = await generateLargeExport(folder, targetBytes);
  const config = join(folder, 'pipeline.yaml');
  writeFileSync(
    config,
    [
      'version: 1',
      // Each export names its owner, whom the ledger links to the user; the config needs one identity of its own.
      'me: { name: Bench User, identities: { web: "https://bench.example/" } }',
      'sources:',
      `  - use: ${kind}`,
      '    id: export',
      `    with: { path: ${JSON.stringify(archive)} }`,
      'rules:',
      '  - use: reciprocity',
      'store: { path: ./bench.db }',
      'log: { level: warn }',
      '',
    ].join('\n'),
  );
  const started = performance.now();
  const run = await runCli(['run', config, '--json', '--no-progress']);
  const seconds = (performance.now() - started) / 1000;
  const { summary } = JSON.parse(run.stdout);
  const source = summary.sources[0];
  const rss = JSON.parse(/BENCH (\{.*\})/.exec(run.stderr)[1]).maxRssBytes;
  process.stdout.write(
    `${[
      kind.padEnd(18),
      mb(sizeOf(archive)).padStart(7),
      mb(targetBytes).padStart(12),
      count(source.read).padStart(10),
      count(source.stored).padStart(11),
      seconds.toFixed(1).padStart(9),
      count(source.read / seconds).padStart(10),
      mb(rss).padStart(12),
    ].join('  ')}\n`,
  );
}
