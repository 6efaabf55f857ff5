import { contentDigest, signalId } from '@handshake/sdk';
import { personName } from '../identity/person-name.js';
import type { LinkedinFile } from './linkedin-file.js';

/**
 * Endorsement_Received_Info.csv (also spelled with spaces): skills others endorsed the owner for,
 * each an `endorsement` from the endorser to the owner with the skill as topic. Only ACCEPTED ones
 * count: LinkedIn shows only those on the profile, and the others are endorsements the owner
 * declined or never looked at, which say nothing the owner agreed to. Endorsers come by name only.
 */
export const endorsementsFile: LinkedinFile = {
  name: 'Endorsement_Received_Info.csv',
  columns: ['Endorsement Date', 'Skill Name', 'Endorser First Name', 'Endorser Last Name'],
  read(row, context) {
    const status = row.get('Endorsement Status').trim().toUpperCase();
    if (status !== '' && status !== 'ACCEPTED') {
      context.skip(`an endorsement with status ${status}: only the ones the owner accepted are counted`);
      return;
    }
    const name = personName(row.get('Endorser First Name'), row.get('Endorser Last Name'));
    if (name === '') {
      context.skip('an endorsement with no endorser name: a member who hid or deleted their profile');
      return;
    }
    const skill = personName(row.get('Skill Name'));
    if (skill === '') {
      context.reject('Skill Name: expected the endorsed skill, received nothing');
      return;
    }
    const date = context.date(row, 'Endorsement Date');
    if (date === undefined) return;
    context.signal({
      id: signalId('linkedin', `endorsement/${contentDigest(name, skill.toLowerCase(), date.local)}`),
      network: 'linkedin',
      kind: 'endorsement',
      actor: context.member(name, undefined),
      subject: context.ownerRef(),
      at: date.at,
      rawAt: row.get('Endorsement Date').trim(),
      object: { topics: [skill.toLowerCase()] },
    });
  },
};
