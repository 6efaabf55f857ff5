import type { IdentityRef } from '../model/identity.js';

/**
 * Hosts shared by many people: a link there says nothing about whose site it is, so it never
 * becomes a `web` identity (and never merges two profiles that both mention it).
 */
const SHARED_HOSTS = [
  'twitter.com',
  'x.com',
  't.co',
  'github.com',
  'gist.github.com',
  'gitlab.com',
  'linkedin.com',
  'lnkd.in',
  'facebook.com',
  'fb.com',
  'instagram.com',
  'youtube.com',
  'youtu.be',
  'tiktok.com',
  'medium.com',
  'substack.com',
  'wordpress.com',
  'blogspot.com',
  'blogger.com',
  'feedburner.com',
  'feedproxy.google.com',
  'imgur.com',
  'giphy.com',
  'discord.com',
  'discord.gg',
  'slack.com',
  'notion.so',
  'dropbox.com',
  'docs.google.com',
  'vimeo.com',
  'twitch.tv',
  'soundcloud.com',
  'spotify.com',
  'patreon.com',
  'ko-fi.com',
  'buymeacoffee.com',
  'meetup.com',
  'eventbrite.com',
  'archive.org',
  'web.archive.org',
  'stackoverflow.com',
  'npmjs.com',
  'pypi.org',
  'crates.io',
  'arxiv.org',
  'doi.org',
  'threads.net',
  'pinterest.com',
  'telegram.org',
  't.me',
  'whatsapp.com',
  'zoom.us',
  'tumblr.com',
  'flickr.com',
  'bsky.app',
  'linktr.ee',
  'google.com',
  'goo.gl',
  'bit.ly',
  'ow.ly',
  'buff.ly',
  'reddit.com',
  'news.ycombinator.com',
  'wikipedia.org',
  'amazon.com',
  'apple.com',
  'mastodon.social',
];

/**
 * Paths of accounts and posts on a fediverse server (Mastodon's `/@name` pages and `/users/name`
 * actors, also used by Pleroma, Akkoma, Misskey and Pixelfed): whatever the host, such a link points
 * at one member of a shared server, not at the owner of a site.
 */
const FEDIVERSE_PATH = /^\/(@[^/]+|users\/[^/]+|ap\/users\/[^/]+)(\/|$)/;

function isSharedHost(host: string): boolean {
  return SHARED_HOSTS.some((shared) => host === shared || host.endsWith(`.${shared}`));
}

/** The `web` identity of a personal site: its origin (`https://dan.example`), lower case, no path. */
export function personalSiteIdentity(url: string): IdentityRef | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
  if (host === '' || !host.includes('.') || isSharedHost(host) || /^[\d.]+$/.test(host)) return undefined;
  if (FEDIVERSE_PATH.test(parsed.pathname)) return undefined;
  return { network: 'web', id: `https://${host}${parsed.port ? `:${parsed.port}` : ''}` };
}
