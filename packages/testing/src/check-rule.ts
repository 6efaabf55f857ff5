import { join } from 'node:path';
import { type CheckedSignal, type PersonConfig, SqliteLedger } from '@handshake/core';
import {
  checkIdentityReport,
  checkSignal,
  type IdentityReport,
  type LedgerView,
  ManualClock,
  type Person,
  type RuleContribution,
  type Verdict,
} from '@handshake/sdk';
import pino from 'pino';
import { temporaryFolder } from './archives.js';

/** A line of a story: a signal, or an identity line (`type: "identity"`) as the JSON lines format has them. */
export type StoryLine = Record<string, unknown>;

export interface TestLedger {
  readonly view: LedgerView;
  /** The person a name, person id or `network:id` names. */
  person(query: string): Person;
  close(): void;
}

/** A real SQLite ledger holding these lines, with the user and targets declared as a config would. */
export async function ledgerWith(
  lines: readonly StoryLine[],
  people: { me: PersonConfig; targets?: readonly PersonConfig[] },
): Promise<TestLedger> {
  const ledger = SqliteLedger.open({
    path: join(await temporaryFolder('handshake-rule-'), 'ledger.db'),
    clock: new ManualClock(0),
    logger: pino({ level: 'silent' }),
  });
  ledger.declarePersons(people.me, people.targets ?? []);
  const signals: CheckedSignal[] = [];
  const identities: IdentityReport[] = [];
  for (const [index, line] of lines.entries()) {
    if (line.type === 'identity') {
      const checked = checkIdentityReport(line);
      if (!checked.ok) throw new Error(`line ${index + 1}: ${checked.reason}`);
      identities.push(checked.report);
      continue;
    }
    const checked = checkSignal(line);
    if (!checked.ok) throw new Error(`line ${index + 1}: ${checked.reason}`);
    signals.push({ signal: checked.signal, time: checked.time });
  }
  ledger.commit([{ source: 'test', signals, identities, cursor: 'test' }]);
  const view = ledger.view();
  return {
    view,
    person(query) {
      const [found, ...more] = ledger.findPersons(query);
      if (!found || more.length > 0) throw new Error(`"${query}" names ${found ? 'several persons' : 'nobody'} in the test ledger`);
      return found;
    },
    close: () => ledger.close(),
  };
}

export interface CheckRuleOptions {
  readonly now: string | number;
  /** Raw options, checked by the rule's own schema (defaults apply). */
  readonly options?: unknown;
  readonly target: string;
  readonly introducer?: string;
}

/** Asks a rule one question against a ledger, as the engine would: the way a rule author tests a rule. */
export function checkRule<Options>(rule: RuleContribution<Options>, ledger: TestLedger, question: CheckRuleOptions): Verdict {
  const options = rule.options.parse(question.options ?? {});
  return rule.evaluate({
    options,
    ledger: ledger.view,
    now: typeof question.now === 'number' ? question.now : Date.parse(question.now),
    me: ledger.view.me(),
    target: ledger.person(question.target),
    introducer: question.introducer === undefined ? undefined : ledger.person(question.introducer),
  });
}
