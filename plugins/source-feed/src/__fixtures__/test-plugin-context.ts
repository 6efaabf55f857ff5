import { DisposableStore, type HttpClient, type Logger, ManualClock, type PluginContext } from '@handshake/sdk';

/** What a source logged during a test, message and fields. */
export interface LoggedLine {
  readonly level: string;
  readonly message: string | undefined;
  readonly fields: object;
}

/** File mode never fetches: a test that reaches the network without meaning to fails here. */
const noNetwork: HttpClient = {
  request: (request) => Promise.reject(new Error(`unexpected request to ${request.url}`)),
  nextAllowedAt: () => 0,
  rateLimit: () => undefined,
};

/** A plugin context as the host builds one, with a logger that records what the source logs. */
export function testPluginContext(http: HttpClient = noNetwork): PluginContext & { readonly logged: LoggedLine[] } {
  const logged: LoggedLine[] = [];
  const record =
    (level: string) =>
    (first: object | string, message?: string): void => {
      logged.push(typeof first === 'string' ? { level, message: first, fields: {} } : { level, message, fields: first });
    };
  const logger: Logger = {
    trace: record('trace'),
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
    fatal: record('fatal'),
    child: () => logger,
  };
  return {
    plugin: '@handshake/source-feed',
    logger,
    clock: new ManualClock('2026-01-01T00:00:00Z'),
    disposables: new DisposableStore(),
    secrets: { register: () => undefined },
    http,
    logged,
  };
}
