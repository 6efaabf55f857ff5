// The ingest and evaluation benchmark: `npm run bench [-- --signals 1000000 --targets 10000]`.
// Prints numbers; no test asserts on them.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateGraph } from './generate-graph.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const work = join(root, '.bench');
const { values } = parseArgs({
  options: {
    signals: { type: 'string', default: '1000000' },
    people: { type: 'string', default: '20000' },
    targets: { type: 'string', default: '10000' },
    rules: { type: 'string', default: 'configs/demo.yaml' },
  },
});
const signals = Number(values.signals);
const targetCount = Number(values.targets);

function yamlConfig({ me, targets, rules }) {
  const identity = (ref) => `{ ${ref.network}: "${ref.id}" }`;
  return [
    'version: 1',
    'me:',
    '  name: Bench User',
    `  identities: ${identity(me)}`,
    'targets:',
    ...targets.map((ref, index) => `  - { name: "Target ${index}", identities: ${identity(ref)} }`),
    'sources:',
    '  - use: jsonl',
    '    id: bench',
    '    with: { path: ./signals.jsonl }',
    `rules:\n${rules}`,
    'store:',
    '  path: ./bench.db',
    'log:',
    '  level: warn',
    '',
  ].join('\n');
}

/** The rules of the demo pipeline, so the benchmark judges with the rule set a user runs. */
async function demoRules() {
  const { readFile } = await import('node:fs/promises');
  const { parse } = await import('yaml');
  const demo = parse(await readFile(join(root, values.rules), 'utf8'));
  return demo.rules.map((rule) => `  - ${JSON.stringify(rule)}`).join('\n');
}

function runCli(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', join(root, 'bench/report-rss.js'), join(root, 'packages/cli/dist/main.js'), ...args],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
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

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const count = (value) => new Intl.NumberFormat('en-US').format(Math.round(value));

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
process.stdout.write(`generating ${count(signals)} signals among ${count(Number(values.people))} people...\n`);
let started = performance.now();
const graph = await generateGraph(join(work, 'signals.jsonl'), { signals, people: Number(values.people) });
process.stdout.write(`  generated in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
const rules = await demoRules();

// 1. The whole `handshake run` path on JSON lines, as a user runs it.
writeFileSync(join(work, 'ingest.yaml'), yamlConfig({ me: graph.me, targets: graph.targets(20), rules }));
started = performance.now();
const run = await runCli(['run', '.bench/ingest.yaml', '--json', '--no-progress']);
const wall = (performance.now() - started) / 1000;
const result = JSON.parse(run.stdout);
const source = result.summary.sources[0];
const rss = JSON.parse(/BENCH (\{.*\})/.exec(run.stderr)[1]).maxRssBytes;
process.stdout.write(
  [
    '',
    'handshake run (JSON lines → ledger → rules → decisions)',
    `  signals read        ${count(source.read)} (stored ${count(source.stored)}, duplicate ${count(source.duplicate)}, rejected ${count(source.rejected)})`,
    `  ingest throughput   ${count(result.summary.signalsPerSecond)} signals/s (ingest ${(result.summary.ingestMs / 1000).toFixed(2)} s)`,
    `  whole command       ${wall.toFixed(2)} s wall, including start-up and 20 decisions`,
    `  peak memory         ${mb(rss)} (maxRSS of the process)`,
    '',
  ].join('\n'),
);

// 2. Rule evaluations for many targets, each with its candidate introducers.
writeFileSync(join(work, 'evaluate.yaml'), yamlConfig({ me: graph.me, targets: graph.targets(targetCount), rules }));
const { createLogger, loadPipeline, PipelineSession, SecretRedactor } = await import('@handshake/core');
const { systemClock } = await import('@handshake/sdk');
const pipeline = await loadPipeline({
  file: join(work, 'evaluate.yaml'),
  makeLogger: (_level, redactor) => createLogger({ level: 'warn', redactor: redactor ?? new SecretRedactor(), fd: 2 }),
});
await pipeline.host.activate();
const session = PipelineSession.open(pipeline, systemClock);
const targets = session.ledger.targets();
started = performance.now();
const evaluations = session.engine.evaluate(session.ledger.view(), targets);
const seconds = (performance.now() - started) / 1000;
const ruleCalls = evaluations.reduce(
  (total, evaluation) =>
    total + evaluation.targetVerdicts.length + evaluation.options.reduce((sum, option) => sum + option.verdicts.length, 0),
  0,
);
const paths = evaluations.reduce((total, evaluation) => total + evaluation.options.length - 1, 0);
const statuses = {};
for (const evaluation of evaluations) statuses[evaluation.decision.status] = (statuses[evaluation.decision.status] ?? 0) + 1;
process.stdout.write(
  [
    `decision engine (${count(targets.length)} targets, ${pipeline.rules.length} rules)`,
    `  candidate paths     ${count(paths)} (${(paths / targets.length).toFixed(1)} per target)`,
    `  rule evaluations    ${count(ruleCalls)} in ${seconds.toFixed(2)} s = ${count(ruleCalls / seconds)} evaluations/s`,
    `  targets             ${count(targets.length / seconds)} targets/s; ${JSON.stringify(statuses)}`,
    '',
  ].join('\n'),
);
session.close();
await pipeline.host.dispose();
