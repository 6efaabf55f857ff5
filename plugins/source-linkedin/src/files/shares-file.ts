import { contentDigest, type SignalObject, signalId } from '@handshake/sdk';
import { shareCommentary } from '../shares/share-commentary.js';
import { hashtags } from '../text/hashtags.js';
import { linksIn } from '../text/links-in.js';
import { activityUrn } from './activity-urn.js';
import type { LinkedinFile } from './linkedin-file.js';

/**
 * Shares.csv: the owner's posts, each a `post` by the owner with its text, its hashtags as topics,
 * the link it shared (SharedURL, and web links in the text) and its address (ShareLink). The
 * post's URN in ShareLink is LinkedIn's own id for it. `Date` has no zone.
 */
export const sharesFile: LinkedinFile = {
  name: 'Shares.csv',
  columns: ['Date', 'ShareLink', 'ShareCommentary'],
  read(row, context) {
    const date = context.date(row, 'Date');
    if (date === undefined) return;
    const link = row.get('ShareLink').trim();
    const text = shareCommentary(row.get('ShareCommentary'));
    const urn = activityUrn(link);
    const shared = row.get('SharedURL').trim();
    const links = [...new Set([...(shared === '' ? [] : [shared]), ...linksIn(text)])];
    const topics = hashtags(text);
    const object: SignalObject = {
      ...(link === '' ? {} : { url: link }),
      ...(text === '' ? {} : { text }),
      ...(topics.length === 0 ? {} : { topics }),
      ...(links.length === 0 ? {} : { links }),
    };
    const owner = context.ownerRef();
    context.signal({
      id: signalId('linkedin', urn ?? `share/${contentDigest(date.local, text)}`),
      network: 'linkedin',
      kind: 'post',
      actor: owner,
      subject: owner,
      at: date.at,
      rawAt: row.get('Date').trim(),
      object,
    });
  },
};
