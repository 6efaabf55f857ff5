import type { PipelineSession } from '@handshake/core';
import type { Person } from '@handshake/sdk';
import { CommandFailure } from './cli-context.js';

/** The target a user names: by name (any case), person id, or `network:id`, among the config's targets. */
export function findTarget(session: PipelineSession, query: string): Person {
  const targets = session.ledger.targets();
  const matches = session.ledger.findPersons(query).filter((person) => targets.some((target) => target.id === person.id));
  if (matches.length === 1) return matches[0] as Person;
  const list = targets.map((target) => `  ${target.id}  ${target.name}`).join('\n');
  if (matches.length === 0) throw new CommandFailure(`no target matches "${query}". Targets:\n${list}`, 1);
  throw new CommandFailure(`"${query}" matches several targets; give a person id:\n${list}`, 1);
}
