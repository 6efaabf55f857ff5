import { ContainerModule, RuleContribution } from '@handshake/sdk';
import { DontBugRule } from './dont-bug-rule.js';

export { DontBugRule, DontBugRuleOptions } from './dont-bug-rule.js';

export const dontBugRuleModule = new ContainerModule(({ bind }) => {
  bind(DontBugRule).toSelf().inSingletonScope();
  bind(RuleContribution).toService(DontBugRule);
});
