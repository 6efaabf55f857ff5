/** A plugin failed to import, to bind its contributions or to activate. The message names it. */
export class PluginLoadError extends Error {
  override readonly name = 'PluginLoadError';

  constructor(
    readonly plugin: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`plugin ${plugin}: ${message}`, options);
  }
}
