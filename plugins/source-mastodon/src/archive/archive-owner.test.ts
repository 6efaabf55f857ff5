import { describe, expect, it } from 'vitest';
import { actorJson, OWNER } from '../__fixtures__/sample-archive.js';
import { archiveOwner } from './archive-owner.js';

describe('archiveOwner', () => {
  it('links a moved account, which both sides claimed, but not a one-sided alias', () => {
    const owner = archiveOwner(JSON.parse(actorJson({ attachment: [], movedTo: 'https://new.example/users/ada' })), 'x.zip!actor.json');
    expect(owner.report.links).toEqual([{ to: { network: 'mastodon', id: 'https://new.example/users/ada' }, evidence: 'verified-link' }]);
  });

  it('links no profile field whose verification the archive cannot tell', () => {
    const owner = archiveOwner(
      JSON.parse(actorJson({ attachment: JSON.parse(actorJson()).attachment.slice(1), alsoKnownAs: [] })),
      'x.zip!actor.json',
    );
    expect(owner.report.links).toBeUndefined();
    expect(owner.followers).toEqual(new Set([`${OWNER}/followers`]));
  });

  it('throws naming the file when there is no actor', () => {
    expect(() => archiveOwner([], 'x.zip!actor.json')).toThrow("x.zip!actor.json: expected the account's actor, a JSON object");
    expect(() => archiveOwner({ type: 'Person' }, 'x.zip!actor.json')).toThrow('x.zip!actor.json: expected the actor\'s "id"');
  });
});
