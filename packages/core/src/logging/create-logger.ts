import type { Logger } from '@handshake/sdk';
import pino, { type DestinationStream } from 'pino';
import pretty from 'pino-pretty';
import type { LogLevel } from '../config/pipeline-config.js';
import type { SecretRedactor } from './secret-redactor.js';

export interface LoggerOptions {
  readonly level: LogLevel;
  /** Human-readable lines instead of JSON; defaults to whether the destination is a TTY. */
  readonly pretty?: boolean;
  /** File descriptor to write to: 1 for stdout (the daemon), 2 for stderr (one-shot commands). */
  readonly fd?: 1 | 2;
  readonly redactor: SecretRedactor;
  /** Write here instead of a file descriptor (tests). */
  readonly stream?: DestinationStream;
}

export type RootLogger = Logger & { level: string; flush?(): void };

/**
 * The one pino root of a process. Every line passes through the redactor on its way out, so a
 * secret that slips into a message or an error's text is still blanked.
 */
export function createLogger(options: LoggerOptions): RootLogger {
  const fd = options.fd ?? 2;
  const isTty = Boolean((fd === 1 ? process.stdout : process.stderr).isTTY);
  const usePretty = options.pretty ?? isTty;
  const destination =
    options.stream ??
    (usePretty
      ? pretty({ destination: fd, colorize: isTty, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', sync: true })
      : pino.destination({ fd, sync: true }));
  return pino(
    {
      level: options.level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      hooks: { streamWrite: (line) => options.redactor.redact(line) },
    },
    destination,
  ) as unknown as RootLogger;
}

/** Precedence: the command line, then HANDSHAKE_LOG_LEVEL, then the config, then info. */
export function resolveLogLevel(flag: string | undefined, env: NodeJS.ProcessEnv, configured: LogLevel | undefined): string {
  return flag ?? env.HANDSHAKE_LOG_LEVEL ?? configured ?? 'info';
}
