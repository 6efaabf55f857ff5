import { ContainerModule, RuleContribution } from '@handshake/sdk';
import { ContributionRule } from './contribution-rule.js';
import { WorldRule } from './world-rule.js';

export { ContributionRule, ContributionRuleOptions } from './contribution-rule.js';
export { type WorldModel, worldOf } from './world-model.js';
export { WorldRule, WorldRuleOptions } from './world-rule.js';

export const worldRulesModule = new ContainerModule(({ bind }) => {
  bind(WorldRule).toSelf().inSingletonScope();
  bind(RuleContribution).toService(WorldRule);
  bind(ContributionRule).toSelf().inSingletonScope();
  bind(RuleContribution).toService(ContributionRule);
});
