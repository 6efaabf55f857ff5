import { duration, formatDay, injectable, type Reason, type RuleContribution, type RuleQuestion, type Verdict, z } from '@handshake/sdk';
import { type WorldPerson, worldOf } from './world-model.js';

export const WorldRuleOptions = z.strictObject({
  halfLife: duration().prefault('180d'),
  /** How many people of the target's circle to name. */
  circleSize: z.number().int().min(1).max(50).default(5),
});
export type WorldRuleOptions = z.infer<typeof WorldRuleOptions>;

function names(people: readonly WorldPerson[], unit: string): string {
  return people
    .map((person) => `${person.name} (${person.count} ${unit}${person.count === 1 ? '' : 's'}, last on ${formatDay(person.lastAt)})`)
    .join(', ');
}

/**
 * What the target values: whom they follow and engage most, whose links they share, the topics
 * they post about (including those outside the user's own field) and the projects they care
 * about. It has no score of its own: it explains, and proposes the concrete next steps.
 */
@injectable()
export class WorldRule implements RuleContribution<WorldRuleOptions> {
  readonly kind = 'world';
  readonly options = WorldRuleOptions;
  readonly scopes = ['target'] as const;

  evaluate({ ledger, me, target, now, options }: RuleQuestion<WorldRuleOptions>): Verdict {
    const world = worldOf(ledger, me, target, now, options);
    const reasons: Reason[] = [];
    const nextSteps: string[] = [];
    if (world.topics.length > 0) {
      const topics = world.topics
        .slice(0, 5)
        .map(
          (topic) =>
            `${topic.topic} (${topic.count} post${topic.count === 1 ? '' : 's'}${topic.outsideUserField ? ', outside your own field' : ''})`,
        );
      reasons.push({
        text: `${target.name} writes and shares most about ${topics.join(', ')}.`,
        evidence: world.recentPosts.map((post) => post.id),
      });
      const mine = world.topics.filter((topic) => !topic.outsideUserField).slice(0, 2);
      const theirs = world.topics.slice(0, 2);
      nextSteps.push(
        `Write something useful about ${(mine.length > 0 ? mine : theirs).map((topic) => topic.topic).join(' or ')}, topics ${target.name} cares about.`,
      );
      const outside = world.topics.find((topic) => topic.outsideUserField);
      if (outside && mine.length === 0) nextSteps.push(`Learn about ${outside.topic}: ${target.name} posts about it and you do not yet.`);
    }
    if (world.circle.length > 0) {
      reasons.push({ text: `${target.name} engages most with ${names(world.circle, 'exchange')}.`, evidence: [] });
      const first = world.circle[0] as WorldPerson;
      nextSteps.push(`Engage with ${first.name}'s work: ${target.name} follows and answers ${first.name} often.`);
    }
    if (world.shared.length > 0) {
      reasons.push({ text: `${target.name} shares the work of ${names(world.shared, 'share')}.`, evidence: [] });
    }
    if (world.projects.length > 0) {
      const projects = world.projects.map(
        (project) => `${project.project} (${project.count} contribution${project.count === 1 ? '' : 's'})`,
      );
      reasons.push({
        text: `${target.name} contributes to ${projects.join(', ')}.`,
        evidence: world.projects.flatMap((project) => project.evidence),
      });
      nextSteps.push(`Support ${world.projects[0]?.project}, a project ${target.name} works on: an issue, a fix, a review.`);
    }
    const latest = world.recentPosts[0];
    if (latest) {
      const where = latest.object?.url ? ` ${latest.object.url}` : '';
      nextSteps.push(`Answer ${target.name}'s latest post${where} (${formatDay(latest.at)}) with something that adds to it.`);
    }
    if (reasons.length === 0)
      reasons.push({
        text: `The ledger knows nothing yet of ${target.name}'s world: add a source that reads their public activity.`,
        evidence: [],
      });
    return {
      rule: this.kind,
      reasons,
      nextSteps,
      facts: {
        topics: world.topics.map((topic) => topic.topic).join(', '),
        circle: world.circle.map((person) => person.name).join(', '),
        projects: world.projects.map((project) => project.project).join(', '),
      },
    };
  }
}
