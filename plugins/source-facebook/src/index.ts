import { ContainerModule, SourceContribution } from '@handshake/sdk';
import { FacebookExportSource } from './facebook-export-source.js';

export { FacebookExportSource, FacebookExportSourceOptions } from './facebook-export-source.js';
export { repairMojibake } from './repair-mojibake.js';

export const facebookSourceModule = new ContainerModule(({ bind }) => {
  bind(FacebookExportSource).toSelf().inSingletonScope();
  bind(SourceContribution).toService(FacebookExportSource);
});
