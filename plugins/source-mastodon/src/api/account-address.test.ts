import { describe, expect, it } from 'vitest';
import { accountAddress } from './account-address.js';

describe('accountAddress', () => {
  it('reads the crawl plan’s actor URIs, and the home server each names', () => {
    expect(accountAddress('https://hachyderm.io/users/ada')).toEqual({
      given: 'https://hachyderm.io/users/ada',
      home: 'https://hachyderm.io',
      uri: 'https://hachyderm.io/users/ada',
      username: 'ada',
      domain: 'hachyderm.io',
    });
    expect(accountAddress('https://new.example/ap/users/117020565966271181')).toEqual({
      given: 'https://new.example/ap/users/117020565966271181',
      home: 'https://new.example',
      uri: 'https://new.example/ap/users/117020565966271181',
      localId: '117020565966271181',
    });
    expect(accountAddress('https://misskey.example/users/9abcdefgh/')).toMatchObject({ uri: 'https://misskey.example/users/9abcdefgh/' });
    expect(accountAddress('https://akkoma.example/actors/ada')).toEqual({
      given: 'https://akkoma.example/actors/ada',
      home: 'https://akkoma.example',
      uri: 'https://akkoma.example/actors/ada',
    });
  });

  it('reads addresses and profile pages, a remote account’s page pointing at its own server', () => {
    expect(accountAddress('@Gargron@Mastodon.Social')).toEqual({
      given: '@Gargron@Mastodon.Social',
      home: 'https://mastodon.social',
      username: 'Gargron',
      domain: 'mastodon.social',
    });
    expect(accountAddress('https://mastodon.social/@Gargron')).toMatchObject({ home: 'https://mastodon.social', username: 'Gargron' });
    expect(accountAddress('https://mastodon.social/@dan@far.example')).toMatchObject({
      home: 'https://far.example',
      username: 'dan',
      domain: 'far.example',
    });
  });

  it('refuses what names no account', () => {
    for (const text of [
      '',
      'ada',
      'https://mastodon.social/',
      'https://mastodon.social/users/ada?x=1',
      'ftp://x.example/users/a',
      '@a@b@c.example',
    ])
      expect(accountAddress(text)).toBeUndefined();
  });
});
