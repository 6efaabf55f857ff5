import { ContainerModule, RuleContribution, z } from '@handshake/sdk';

export const fragileModule = new ContainerModule(({ bind }) => {
  bind(RuleContribution).toConstantValue({
    kind: 'fragile',
    options: z.strictObject({}),
    scopes: ['target'],
    evaluate: () => ({ rule: 'fragile', reasons: [] }),
  });
});

export function activate() {
  throw new Error('cannot reach the thing it needs');
}
