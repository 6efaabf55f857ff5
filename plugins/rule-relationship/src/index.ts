import { ContainerModule, RuleContribution } from '@handshake/sdk';
import { FamiliarityRule } from './familiarity-rule.js';
import { IntroducerRule } from './introducer-rule.js';
import { ReciprocityRule } from './reciprocity-rule.js';
import { TieStrengthRule } from './tie-strength-rule.js';

export { CONVERSATION_KINDS, EXCHANGE_KINDS, EXCHANGE_WEIGHTS } from './exchange-kinds.js';
export { FamiliarityRule, FamiliarityRuleOptions } from './familiarity-rule.js';
export { IntroducerRule, IntroducerRuleOptions } from './introducer-rule.js';
export { ReciprocityRule, ReciprocityRuleOptions } from './reciprocity-rule.js';
export { measureTie, type TieMeasure } from './tie-measure.js';
export { TieStrengthRule, TieStrengthRuleOptions } from './tie-strength-rule.js';

export const relationshipRulesModule = new ContainerModule(({ bind }) => {
  bind(TieStrengthRule).toSelf().inSingletonScope();
  bind(RuleContribution).toService(TieStrengthRule);
  bind(ReciprocityRule).toSelf().inSingletonScope();
  bind(RuleContribution).toService(ReciprocityRule);
  bind(FamiliarityRule).toSelf().inSingletonScope();
  bind(RuleContribution).toService(FamiliarityRule);
  bind(IntroducerRule).toSelf().inSingletonScope();
  bind(RuleContribution).toService(IntroducerRule);
});
