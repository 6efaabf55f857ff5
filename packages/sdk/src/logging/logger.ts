/** The logger a plugin gets: pino's call shape, object first and message second. */
export const Logger = Symbol.for('handshake.Logger');
export interface Logger {
  trace: LogMethod;
  debug: LogMethod;
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
  fatal: LogMethod;
  child(bindings: Record<string, unknown>): Logger;
}

export interface LogMethod {
  (object: object, message?: string): void;
  (message: string): void;
}
