import type { IdentityRef } from '@handshake/sdk';

export function random(seed: number): () => number;

export interface GeneratedGraph {
  readonly me: IdentityRef;
  readonly people: number;
  targets(count: number): IdentityRef[];
}

export function generateGraph(
  file: string,
  options: { signals: number; people?: number; seed?: number; end?: number },
): Promise<GeneratedGraph>;
