/**
 * GitHub REST answers in their real shapes (API version 2022-11-28), built small for tests: what
 * `GET /users/{login}`, the follower lists, public events, repository and contributor lists return.
 */

const API = 'https://api.github.com';

/** An account as lists show it (`simple-user`). */
export function simpleUser(id: number, login: string, type: 'User' | 'Organization' | 'Bot' = 'User') {
  return {
    login,
    id,
    node_id: Buffer.from(`04:User${id}`).toString('base64'),
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url: `${API}/users/${login}`,
    html_url: `https://github.com/${login}`,
    followers_url: `${API}/users/${login}/followers`,
    following_url: `${API}/users/${login}/following{/other_user}`,
    gists_url: `${API}/users/${login}/gists{/gist_id}`,
    starred_url: `${API}/users/${login}/starred{/owner}{/repo}`,
    subscriptions_url: `${API}/users/${login}/subscriptions`,
    organizations_url: `${API}/users/${login}/orgs`,
    repos_url: `${API}/users/${login}/repos`,
    events_url: `${API}/users/${login}/events{/privacy}`,
    received_events_url: `${API}/users/${login}/received_events`,
    type,
    user_view_type: 'public',
    site_admin: false,
  };
}

export interface ProfileFields {
  readonly name?: string | null;
  readonly blog?: string;
  readonly followers?: number;
  readonly following?: number;
  readonly type?: 'User' | 'Organization';
}

/** `GET /users/{login}` or `GET /user/{id}` (`public-user`). */
export function publicUser(id: number, login: string, fields: ProfileFields = {}) {
  return {
    ...simpleUser(id, login, fields.type ?? 'User'),
    name: fields.name ?? null,
    company: null,
    blog: fields.blog ?? '',
    location: null,
    email: null,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: 8,
    public_gists: 0,
    followers: fields.followers ?? 0,
    following: fields.following ?? 0,
    created_at: '2011-01-25T18:44:36Z',
    updated_at: '2025-11-02T09:12:40Z',
  };
}

/** The actor of an event, as events show it. */
export function eventActor(id: number, login: string) {
  return {
    id,
    login,
    display_login: login,
    gravatar_id: '',
    url: `${API}/users/${login}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?`,
  };
}

export interface EventFields {
  readonly id: string;
  readonly type: string;
  readonly actor: { readonly id: number; readonly login: string };
  readonly repo: { readonly id: number; readonly name: string };
  readonly payload?: Record<string, unknown>;
  readonly createdAt: string;
  readonly org?: { readonly id: number; readonly login: string };
}

/** One entry of `GET /users/{login}/events/public`. */
export function githubEvent(fields: EventFields) {
  return {
    id: fields.id,
    type: fields.type,
    actor: eventActor(fields.actor.id, fields.actor.login),
    repo: { id: fields.repo.id, name: fields.repo.name, url: `${API}/repos/${fields.repo.name}` },
    payload: fields.payload ?? {},
    public: true,
    created_at: fields.createdAt,
    ...(fields.org && {
      org: {
        id: fields.org.id,
        login: fields.org.login,
        gravatar_id: '',
        url: `${API}/orgs/${fields.org.login}`,
        avatar_url: `https://avatars.githubusercontent.com/u/${fields.org.id}?`,
      },
    }),
  };
}

/** An issue as IssuesEvent and IssueCommentEvent carry it. */
export function issue(repository: string, number: number, title: string, author: { id: number; login: string }) {
  return {
    url: `${API}/repos/${repository}/issues/${number}`,
    repository_url: `${API}/repos/${repository}`,
    html_url: `https://github.com/${repository}/issues/${number}`,
    id: 1_000_000 + number,
    number,
    title,
    user: simpleUser(author.id, author.login),
    state: 'open',
    comments: 1,
    created_at: '2025-12-01T10:00:00Z',
    updated_at: '2025-12-01T10:00:00Z',
    author_association: 'NONE',
    body: 'Steps to reproduce…',
  };
}

/** A repository as lists show it (`minimal-repository`). */
export function repository(id: number, fullName: string, owner: { id: number; login: string }, fields: { fork?: boolean } = {}) {
  const [, name] = fullName.split('/');
  return {
    id,
    node_id: Buffer.from(`010:Repository${id}`).toString('base64'),
    name,
    full_name: fullName,
    private: false,
    owner: simpleUser(owner.id, owner.login),
    html_url: `https://github.com/${fullName}`,
    description: null,
    fork: fields.fork ?? false,
    url: `${API}/repos/${fullName}`,
    pushed_at: '2025-12-20T08:00:00Z',
    created_at: '2020-03-01T08:00:00Z',
    updated_at: '2025-12-20T08:00:00Z',
    stargazers_count: 12,
    language: 'TypeScript',
    default_branch: 'main',
  };
}

/** A pull request as PullRequestEvent and review events carry it, with its base repository. */
export function pullRequest(base: ReturnType<typeof repository>, number: number, title: string, author: { id: number; login: string }) {
  return {
    url: `${API}/repos/${base.full_name}/pulls/${number}`,
    id: 2_000_000 + number,
    html_url: `https://github.com/${base.full_name}/pull/${number}`,
    number,
    state: 'open',
    title,
    user: simpleUser(author.id, author.login),
    base: { label: `${base.owner.login}:main`, ref: 'main', sha: 'a'.repeat(40), user: base.owner, repo: base },
    head: { label: `${author.login}:fix`, ref: 'fix', sha: 'b'.repeat(40), user: simpleUser(author.id, author.login), repo: null },
    created_at: '2025-12-01T10:00:00Z',
    updated_at: '2025-12-01T10:00:00Z',
  };
}

/** A contributor (`contributor`): an account with its commit count, or an anonymous e-mail with `anon=1`. */
export function contributor(id: number, login: string, contributions: number, type: 'User' | 'Bot' = 'User') {
  return { ...simpleUser(id, login, type), contributions };
}

export interface HeaderFields {
  readonly date?: string;
  readonly etag?: string;
  readonly link?: string;
  readonly remaining?: number;
  readonly limit?: number;
  /** Epoch seconds. */
  readonly reset?: number;
  readonly pollInterval?: number;
}

/** The headers GitHub sends with a JSON answer. */
export function githubHeaders(fields: HeaderFields = {}): Record<string, string> {
  const limit = fields.limit ?? 60;
  const remaining = fields.remaining ?? 59;
  return {
    'content-type': 'application/json; charset=utf-8',
    date: fields.date ?? 'Fri, 02 Jan 2026 03:04:05 GMT',
    'x-github-api-version-selected': '2022-11-28',
    'x-github-media-type': 'github.v3; format=json',
    'x-ratelimit-limit': String(limit),
    'x-ratelimit-remaining': String(remaining),
    'x-ratelimit-reset': String(fields.reset ?? 1767326645),
    'x-ratelimit-used': String(limit - remaining),
    'x-ratelimit-resource': 'core',
    ...(fields.etag !== undefined && { etag: fields.etag }),
    ...(fields.link !== undefined && { link: fields.link }),
    ...(fields.pollInterval !== undefined && { 'x-poll-interval': String(fields.pollInterval) }),
  };
}
