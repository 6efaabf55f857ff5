import { ContainerModule, SourceContribution } from '@handshake/sdk';
import { LinkedinExportSource } from './linkedin-export-source.js';

export { LinkedinExportSource, LinkedinExportSourceOptions } from './linkedin-export-source.js';

export const linkedinSourceModule = new ContainerModule(({ bind }) => {
  bind(LinkedinExportSource).toSelf().inSingletonScope();
  bind(SourceContribution).toService(LinkedinExportSource);
});
