import {
  ConfigError,
  createLogger,
  LOG_LEVELS,
  type LoadedPipeline,
  type LogLevel,
  loadPipeline,
  type SecretRedactor,
} from '@handshake/core';

/** Options every command takes. */
export interface GlobalOptions {
  readonly logLevel?: string;
  readonly pretty?: boolean;
  readonly now?: string;
}

/** A failure the command already explained; main exits with its code without a stack trace. */
export class CommandFailure extends Error {
  override readonly name = 'CommandFailure';

  constructor(
    message: string,
    readonly exitCode: number,
    /** Set when the command already printed the problem (config errors print each issue). */
    readonly reported = false,
  ) {
    super(message);
  }
}

/** The log level: --log-level, then HANDSHAKE_LOG_LEVEL, then the config's. */
export function levelFrom(options: GlobalOptions, configured: LogLevel): LogLevel {
  const level = options.logLevel ?? process.env.HANDSHAKE_LOG_LEVEL ?? configured;
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    const from = options.logLevel ? '--log-level' : 'HANDSHAKE_LOG_LEVEL';
    throw new CommandFailure(`${from}: expected one of ${LOG_LEVELS.join(', ')}, received "${level}"`, 2);
  }
  return level as LogLevel;
}

/**
 * Loads and checks a pipeline for a command. Config errors are printed, every one with its
 * file:line:col, and become exit code 1.
 */
export async function openPipeline(file: string, options: GlobalOptions, fd: 1 | 2 = 2): Promise<LoadedPipeline> {
  try {
    return await loadPipeline({
      file,
      now: options.now,
      makeLogger: (configured: LogLevel, redactor: SecretRedactor) =>
        createLogger({ level: levelFrom(options, configured), pretty: options.pretty, fd, redactor }),
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      throw new CommandFailure('invalid config', 1, true);
    }
    throw error;
  }
}
