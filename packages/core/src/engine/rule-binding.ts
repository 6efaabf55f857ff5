import type { RuleContribution } from '@handshake/sdk';

/** A configured rule as the engine runs it. */
export interface RuleBinding {
  /** The rule's id in the config (its kind unless `id:` says otherwise). */
  readonly id: string;
  readonly kind: string;
  readonly plugin: string;
  readonly weight: number;
  readonly options: unknown;
  readonly contribution: RuleContribution;
}
