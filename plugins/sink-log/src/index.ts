import { ContainerModule, SinkContribution } from '@handshake/sdk';
import { LogSink } from './log-sink.js';

export { LogSink, LogSinkOptions } from './log-sink.js';

export const logSinkModule = new ContainerModule(({ bind }) => {
  bind(LogSink).toSelf().inSingletonScope();
  bind(SinkContribution).toService(LogSink);
});
