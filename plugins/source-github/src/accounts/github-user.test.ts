import { describe, expect, it } from 'vitest';
import { profileReport, readGithubUser, statedSite } from './github-user.js';

describe('statedSite', () => {
  it.each([
    ['nvie.com', 'https://nvie.com/'],
    ['http://vincent-jacques.net', 'http://vincent-jacques.net/'],
    ['  https://ada.example/blog  ', 'https://ada.example/blog'],
    ['', undefined],
    ['my blog', undefined],
    ['mailto:ada@example.com', undefined],
    ['ftp://files.example', undefined],
  ])('reads the blog field %j as %j', (blog, site) => {
    expect(statedSite(blog)).toBe(site);
  });
});

describe('profileReport', () => {
  it('falls back to the profile page when no site is stated, and keeps the login as handle', () => {
    const user = readGithubUser({ id: 583231, login: 'octocat', type: 'User' });
    if ('problem' in user) throw new Error(user.problem);
    expect(profileReport(user, { html_url: 'https://github.com/octocat', name: '  ', blog: '', followers: 20, following: 9 })).toEqual({
      network: 'github',
      id: '583231',
      handle: 'octocat',
      url: 'https://github.com/octocat',
      followersCount: 20,
      followingCount: 9,
    });
  });

  it('refuses an account without a numeric id', () => {
    expect(readGithubUser({ login: 'someone', id: 'abc' })).toEqual({ problem: 'expected a numeric account id, received "abc"' });
    expect(readGithubUser({ id: 12 })).toEqual({ problem: 'account 12 has no login' });
  });
});
