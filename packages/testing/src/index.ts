export * from './archives.js';
export * from './http/advance-through-waits.js';
export * from './http/fixture-faults.js';
export * from './http/fixture-server.js';
export * from './http/load-recorded-exchanges.js';
export * from './http/recorded-exchange.js';
export * from './http/recording-logger.js';
export * from './run-source.js';
