import { type ChildProcess, spawn } from 'node:child_process';
import { cliPath, repoRoot } from './cli.js';

export type LogLine = Record<string, unknown> & { msg?: string };

/** A `handshake daemon` child process whose JSON log lines a test can wait for. */
export class DaemonProcess {
  readonly lines: LogLine[] = [];
  readonly stderr: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly waiters: (() => void)[] = [];

  private constructor(readonly child: ChildProcess) {
    let buffer = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        const text = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        try {
          this.lines.push(JSON.parse(text) as LogLine);
        } catch {
          this.lines.push({ msg: text });
        }
        for (const wake of this.waiters.splice(0)) wake();
        newline = buffer.indexOf('\n');
      }
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => this.stderr.push(chunk));
    this.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  }

  static start(args: readonly string[], env: NodeJS.ProcessEnv = {}): DaemonProcess {
    return new DaemonProcess(
      spawn(process.execPath, [cliPath, 'daemon', ...args], {
        cwd: repoRoot,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
  }

  /** Resolves with the first log line (from `from` on) that matches, or fails after `timeoutMs`. */
  async waitFor(test: (line: LogLine) => boolean, timeoutMs = 20_000, from = 0): Promise<LogLine> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.lines.slice(from).find(test);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `no matching log line within ${timeoutMs} ms. Lines:\n${this.lines.map((line) => JSON.stringify(line)).join('\n')}\nstderr: ${this.stderr.join('')}`,
        );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 250));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  count(test: (line: LogLine) => boolean): number {
    return this.lines.filter(test).length;
  }

  async healthUrl(): Promise<string> {
    const started = await this.waitFor((line) => line.msg === 'daemon started');
    const health = started.health as { port: number } | undefined;
    if (!health) throw new Error('the daemon has no health server');
    return `http://127.0.0.1:${health.port}`;
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }
}
