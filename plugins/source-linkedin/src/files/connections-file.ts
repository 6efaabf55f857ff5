import { contentDigest, signalId } from '@handshake/sdk';
import { personName } from '../identity/person-name.js';
import { normalizeProfileUrl } from '../identity/profile-url.js';
import type { LinkedinFile } from './linkedin-file.js';

/**
 * Connections.csv: one row per first-degree connection, a `connection` from the owner (LinkedIn
 * connections are mutual). Exports since 2023 add the member's profile URL; older ones and Excel
 * re-saves give names only. `Connected On` is a date without a time: midnight in `timeZone`.
 */
export const connectionsFile: LinkedinFile = {
  name: 'Connections.csv',
  columns: ['First Name', 'Last Name', 'Connected On'],
  read(row, context) {
    const name = personName(row.get('First Name'), row.get('Last Name'));
    const url = normalizeProfileUrl(row.get('URL'));
    if (name === '' && url === undefined) {
      context.skip('a connection with no name and no profile URL: a member who hid or deleted their profile');
      return;
    }
    const date = context.date(row, 'Connected On');
    if (date === undefined) return;
    context.signal({
      id: signalId('linkedin', `connection/${contentDigest(url ?? `name:${name}`, date.local)}`),
      network: 'linkedin',
      kind: 'connection',
      actor: context.ownerRef(),
      subject: context.member(name, url),
      at: date.at,
      rawAt: row.get('Connected On').trim(),
    });
  },
};
