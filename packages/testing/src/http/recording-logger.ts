import type { Logger, LogMethod } from '@handshake/sdk';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/** One line a RecordingLogger received. */
export interface LogLine {
  readonly level: LogLevel;
  /** The child bindings in force (`plugin`, …). */
  readonly bindings: Readonly<Record<string, unknown>>;
  readonly fields: Readonly<Record<string, unknown>>;
  readonly message: string | undefined;
  /** The whole line as JSON, errors spelled out (name, message, stack, cause), as a log sink would write it. */
  readonly text: string;
}

/**
 * A Logger that keeps every line at every level, children included, so a test can assert what was
 * logged, and that a secret never was.
 */
export class RecordingLogger implements Logger {
  readonly trace = this.method('trace');
  readonly debug = this.method('debug');
  readonly info = this.method('info');
  readonly warn = this.method('warn');
  readonly error = this.method('error');
  readonly fatal = this.method('fatal');

  constructor(
    private readonly sink: LogLine[] = [],
    private readonly bindings: Readonly<Record<string, unknown>> = {},
  ) {}

  /** Every line, from this logger and all its children. */
  get lines(): readonly LogLine[] {
    return this.sink;
  }

  /** The lines with this message. */
  withMessage(message: string): LogLine[] {
    return this.sink.filter((line) => line.message === message);
  }

  /** All lines as one text, one JSON line each: search it for what must not be there. */
  text(): string {
    return this.sink.map((line) => line.text).join('\n');
  }

  child(bindings: Record<string, unknown>): Logger {
    return new RecordingLogger(this.sink, { ...this.bindings, ...bindings });
  }

  private method(level: LogLevel): LogMethod {
    return ((first: object | string, second?: string) => {
      const fields = typeof first === 'string' ? {} : (first as Record<string, unknown>);
      const message = typeof first === 'string' ? first : second;
      const text = JSON.stringify({ level, ...this.bindings, ...fields, msg: message }, expandErrors);
      this.sink.push({ level, bindings: this.bindings, fields, message, text });
    }) as LogMethod;
  }
}

function expandErrors(_key: string, value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  return { ...value, name: value.name, message: value.message, stack: value.stack, cause: value.cause };
}
