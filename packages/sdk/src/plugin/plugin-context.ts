import type { HttpClient } from '../http/http-client.js';
import type { DisposableStore } from '../lifecycle/disposable.js';
import type { Logger } from '../logging/logger.js';
import type { Clock } from '../time/clock.js';

/** What the host gives each plugin: bound in the plugin's own container and passed to `activate`. */
export const PluginContext = Symbol.for('handshake.PluginContext');
export interface PluginContext {
  /** The plugin's package name. */
  readonly plugin: string;
  /** A child of the host's logger with the `plugin` field set. */
  readonly logger: Logger;
  readonly clock: Clock;
  /** Released last-in first-out when the host shuts down. */
  readonly disposables: DisposableStore;
  readonly secrets: SecretRegistry;
  /** The plugin's HTTP client: logs through `logger`, waits on `clock`, registers credentials in `secrets`. */
  readonly http: HttpClient;
}

/** Secrets the plugin learns at run time (a token it exchanged, say), so the host redacts them too. */
export interface SecretRegistry {
  register(value: string): void;
}

/**
 * A plugin's entry module exports its inversify `ContainerModule` (as the default export, or as
 * its only ContainerModule export), and may export these two hooks.
 */
export interface PluginLifecycle {
  /** Called once after the module is loaded and before anything runs; a throw fails the boot. */
  activate?(context: PluginContext): void | Promise<void>;
  /** Called on shutdown, in reverse order of activation, before the context's disposables are released. */
  deactivate?(): void | Promise<void>;
}
