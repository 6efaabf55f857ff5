import { ContainerModule, SinkContribution } from '@handshake/sdk';
import { JsonlSink } from './jsonl-sink.js';

export { JsonlSink, JsonlSinkOptions } from './jsonl-sink.js';

export const jsonlSinkModule = new ContainerModule(({ bind }) => {
  bind(JsonlSink).toSelf().inSingletonScope();
  bind(SinkContribution).toService(JsonlSink);
});
