import { contentDigest, signalId } from '@handshake/sdk';
import { personName } from '../identity/person-name.js';
import { normalizeProfileUrl } from '../identity/profile-url.js';
import type { LinkedinFile } from './linkedin-file.js';

const INVITER_URL = 'inviterProfileUrl';
const INVITEE_URL = 'inviteeProfileUrl';

/**
 * Invitations.csv: invitations to connect, sent and received. An invitation is a `follow` from
 * the inviter to the invitee: it is one-way interest until accepted (an accepted one also appears
 * in Connections.csv as the mutual `connection`), and LinkedIn makes the inviter follow the
 * invitee when it is sent. A note written with it is also a `message` between the two. Direction
 * says which side is the owner; `Sent At` has no zone and its day/month order follows the locale.
 */
export const invitationsFile: LinkedinFile = {
  name: 'Invitations.csv',
  columns: ['From', 'To', 'Sent At', 'Direction'],
  survey(row, survey) {
    const from = personName(row.get('From'));
    const to = personName(row.get('To'));
    const direction = row.get('Direction').trim().toUpperCase();
    if (direction === 'OUTGOING') survey.owner.invitationOwner(from);
    if (direction === 'INCOMING') survey.owner.invitationOwner(to);
    survey.owner.profileUrl(from, normalizeProfileUrl(row.get(INVITER_URL)));
    survey.owner.profileUrl(to, normalizeProfileUrl(row.get(INVITEE_URL)));
  },
  read(row, context) {
    const direction = row.get('Direction').trim().toUpperCase();
    if (direction !== 'OUTGOING' && direction !== 'INCOMING') {
      context.reject(`Direction: expected INCOMING or OUTGOING, received ${JSON.stringify(row.get('Direction'))}`);
      return;
    }
    const outgoing = direction === 'OUTGOING';
    const otherName = personName(row.get(outgoing ? 'To' : 'From'));
    const otherUrl = normalizeProfileUrl(row.get(outgoing ? INVITEE_URL : INVITER_URL));
    if (otherName === '' && otherUrl === undefined) {
      context.skip('an invitation with no name and no profile URL on the other side: a member who hid or deleted their profile');
      return;
    }
    const date = context.date(row, 'Sent At');
    if (date === undefined) return;
    const owner = context.ownerRef();
    const other = context.member(otherName, otherUrl);
    const [actor, subject] = outgoing ? [owner, other] : [other, owner];
    const key = `invitation/${contentDigest(direction, personName(row.get('From')), personName(row.get('To')), date.local)}`;
    const rawAt = row.get('Sent At').trim();
    context.signal({ id: signalId('linkedin', key), network: 'linkedin', kind: 'follow', actor, subject, at: date.at, rawAt });
    const note = row.get('Message').replace(/\r\n?/g, '\n').trim();
    if (note !== '') {
      context.signal({
        id: signalId('linkedin', key, 'message'),
        network: 'linkedin',
        kind: 'message',
        actor,
        subject,
        at: date.at,
        rawAt,
        object: { text: note, participants: 2 },
      });
    }
  },
};
