import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';

interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
}

/** Another daemon holds the ledger; the message says which process. */
export class LedgerLockedError extends Error {
  override readonly name = 'LedgerLockedError';
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One daemon per ledger: a lock file beside the database names the process that holds it. A lock
 * left by a process that is gone (killed, crashed) on this host is taken over.
 */
export class LedgerLock {
  private constructor(private readonly path: string) {}

  static acquire(storePath: string, now: () => number): LedgerLock {
    const path = `${storePath}.lock`;
    mkdirSync(dirname(path), { recursive: true });
    const owner: LockOwner = { pid: process.pid, host: hostname(), since: new Date(now()).toISOString() };
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        writeFileSync(path, `${JSON.stringify(owner)}\n`, { flag: 'wx' });
        return new LedgerLock(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = readOwner(path);
      if (holder && (holder.host !== owner.host || alive(holder.pid))) {
        throw new LedgerLockedError(
          `another handshake daemon holds the ledger ${storePath}: process ${holder.pid} on ${holder.host}, since ${holder.since} (lock file ${path})`,
        );
      }
      // The holder is gone: its lock is stale.
      unlinkSync(path);
    }
    throw new LedgerLockedError(`could not lock the ledger ${storePath}: another process keeps taking ${path}`);
  }

  release(): void {
    try {
      if (readOwner(this.path)?.pid === process.pid) unlinkSync(this.path);
    } catch {
      // Already gone: nothing to release.
    }
  }
}

function readOwner(path: string): LockOwner | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
  } catch {
    return undefined;
  }
}
