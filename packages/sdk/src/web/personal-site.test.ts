import { describe, expect, it } from 'vitest';
import { personalSiteIdentity } from './personal-site.js';

describe('personalSiteIdentity', () => {
  it('keys a personal site by its origin', () => {
    expect(personalSiteIdentity('http://www.Dan.example/blog/post-1?x=1')).toEqual({ network: 'web', id: 'https://dan.example' });
  });

  it('refuses hosts that many people share, and what is not a web URL', () => {
    expect(personalSiteIdentity('https://github.com/dan')).toBeUndefined();
    expect(personalSiteIdentity('https://dan.substack.com/p/1')).toBeUndefined();
    expect(personalSiteIdentity('mailto:dan@dan.example')).toBeUndefined();
    expect(personalSiteIdentity('not a url')).toBeUndefined();
  });

  it('refuses accounts and posts on any fediverse server, which are one member of a shared server', () => {
    expect(personalSiteIdentity('https://hachyderm.example/@ada/113423000000000004')).toBeUndefined();
    expect(personalSiteIdentity('https://social.example/users/ada')).toBeUndefined();
    expect(personalSiteIdentity('https://dan.example/notes/borrow-checker')).toEqual({ network: 'web', id: 'https://dan.example' });
  });
});
