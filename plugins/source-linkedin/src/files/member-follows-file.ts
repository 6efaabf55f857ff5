import { contentDigest, signalId } from '@handshake/sdk';
import { personName } from '../identity/person-name.js';
import type { LinkedinFile } from './linkedin-file.js';

/**
 * Member_Follows.csv: members the owner follows without being connected, a `follow` from the
 * owner, by name only. A row whose Status is not Active records an unfollow, which is no follow now.
 */
export const memberFollowsFile: LinkedinFile = {
  name: 'Member_Follows.csv',
  columns: ['Date', 'Status', 'FullName'],
  read(row, context) {
    const name = personName(row.get('FullName'));
    if (name === '') {
      context.skip('a follow with no name: a member who hid or deleted their profile');
      return;
    }
    const status = row.get('Status').trim();
    if (status.toLowerCase() !== 'active') {
      context.skip(`a follow with status ${JSON.stringify(status)}: the owner no longer follows this member`);
      return;
    }
    const date = context.date(row, 'Date');
    if (date === undefined) return;
    context.signal({
      id: signalId('linkedin', `member-follow/${contentDigest(name, date.local)}`),
      network: 'linkedin',
      kind: 'follow',
      actor: context.ownerRef(),
      subject: context.member(name, undefined),
      at: date.at,
      rawAt: row.get('Date').trim(),
    });
  },
};
