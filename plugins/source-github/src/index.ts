import { ContainerModule, SourceContribution } from '@handshake/sdk';
import { GithubSource } from './github-source.js';

export { GithubSource } from './github-source.js';
export { GithubSourceError } from './github-source-error.js';
export { GithubSourceOptions } from './github-source-options.js';

export const githubSourceModule = new ContainerModule(({ bind }) => {
  bind(GithubSource).toSelf().inSingletonScope();
  bind(SourceContribution).toService(GithubSource);
});
