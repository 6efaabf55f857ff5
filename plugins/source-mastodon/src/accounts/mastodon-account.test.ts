import { describe, expect, it } from 'vitest';
import { accountFromAcct, accountFromActorUri, accountFromMention, actorUriFromProfileUrl } from './mastodon-account.js';

describe('Mastodon accounts', () => {
  it("turns an acct into Mastodon's actor URI convention and a handle", () => {
    expect(accountFromAcct('0xDUDE@Mastodon.Social')).toEqual({
      id: 'https://mastodon.social/users/0xDUDE',
      handle: '@0xDUDE@mastodon.social',
    });
    expect(accountFromAcct('@_delta_zero@infosec.exchange')).toEqual({
      id: 'https://infosec.exchange/users/_delta_zero',
      handle: '@_delta_zero@infosec.exchange',
    });
  });

  it('refuses what is not an account address', () => {
    for (const bad of [
      '',
      'alice',
      'alice@',
      '@host.example',
      'a@b@c.example',
      'alice@localhost',
      'al ice@host.example',
      'alice@host.example/x',
    ])
      expect(accountFromAcct(bad)).toBeUndefined();
  });

  it('reads the handle of a mention, local or remote, and of an actor URI', () => {
    expect(accountFromMention('https://social.example/users/lavender52', '@lavender52')).toEqual({
      id: 'https://social.example/users/lavender52',
      handle: '@lavender52@social.example',
    });
    expect(accountFromMention('https://misskey.example/users/9carol', '@carol@misskey.example')).toEqual({
      id: 'https://misskey.example/users/9carol',
      handle: '@carol@misskey.example',
    });
    expect(accountFromActorUri('https://coast.example/users/camera')).toEqual({
      id: 'https://coast.example/users/camera',
      handle: '@camera@coast.example',
    });
    expect(accountFromActorUri('https://new.example/ap/users/1234')).toEqual({ id: 'https://new.example/ap/users/1234' });
  });
});

describe('Mastodon profile pages', () => {
  it("turns Mastodon's profile page into the actor URI of the same convention, and nothing else", () => {
    expect(actorUriFromProfileUrl('https://Social.Example/@lavender52')).toBe('https://social.example/users/lavender52');
    expect(actorUriFromProfileUrl('https://social.example/@carol@misskey.example')).toBeUndefined();
    expect(actorUriFromProfileUrl('https://social.example/users/lavender52')).toBeUndefined();
    expect(actorUriFromProfileUrl('https://social.example/@lavender52/1234')).toBeUndefined();
  });
});
