import { ContainerModule, SourceContribution } from '@handshake/sdk';
import { JsonlSource } from './jsonl-source.js';

export { JsonlSource, JsonlSourceOptions } from './jsonl-source.js';

export const jsonlSourceModule = new ContainerModule(({ bind }) => {
  bind(JsonlSource).toSelf().inSingletonScope();
  bind(SourceContribution).toService(JsonlSource);
});
