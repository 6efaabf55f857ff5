import { contentDigest, type IdentityRef, personalSiteIdentity, type SignalObject, signalId } from '@handshake/sdk';
import { shareCommentary } from '../shares/share-commentary.js';
import { hashtags } from '../text/hashtags.js';
import { linksIn } from '../text/links-in.js';
import { activityUrn } from './activity-urn.js';
import type { LinkedinFile } from './linkedin-file.js';

/**
 * Shares.csv: the owner's posts, each a `post` by the owner with its text, its hashtags as topics,
 * the link it shared (SharedURL, and web links in the text) and its address (ShareLink); and a
 * `link` to each personal site it links to, which is how rules see whose work the owner shares, as
 * from every other network. The post's URN in ShareLink is LinkedIn's own id for it. `Date` has no zone.
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
    const key = urn ?? `share/${contentDigest(date.local, text)}`;
    const base = { network: 'linkedin', actor: owner, at: date.at, rawAt: row.get('Date').trim() };
    context.signal({ ...base, id: signalId('linkedin', key), kind: 'post', subject: owner, object });
    for (const [site, url] of personalSites(links)) {
      context.signal({ ...base, id: signalId('linkedin', key, `link:${site.id}`), kind: 'link', subject: site, object: { url } });
    }
  },
};

/** The personal sites among the links, each once with the first link to it. */
function personalSites(links: readonly string[]): Map<IdentityRef, string> {
  const bySite = new Map<string, [IdentityRef, string]>();
  for (const link of links) {
    const site = personalSiteIdentity(link);
    if (site !== undefined && !bySite.has(site.id)) bySite.set(site.id, [site, link]);
  }
  return new Map(bySite.values());
}
