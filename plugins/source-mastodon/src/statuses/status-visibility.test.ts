import { describe, expect, it } from 'vitest';
import { statusVisibility } from './status-visibility.js';

const PUBLIC = 'https://www.w3.org/ns/activitystreams#Public';
const FOLLOWERS = 'https://social.example/users/ada/followers';
const DAN = 'https://far.example/users/dan';
const followers = new Set([FOLLOWERS]);

describe('statusVisibility', () => {
  it('reads the visibility ActivityPub encodes only in to and cc', () => {
    expect(statusVisibility({ to: [PUBLIC], cc: [FOLLOWERS, DAN] }, followers)).toBe('public');
    expect(statusVisibility({ to: [FOLLOWERS], cc: [PUBLIC] }, followers)).toBe('unlisted');
    expect(statusVisibility({ to: [FOLLOWERS], cc: [DAN] }, followers)).toBe('private');
    expect(statusVisibility({ to: [DAN], cc: [] }, followers)).toBe('direct');
    expect(statusVisibility({ to: ['as:Public'], cc: [] }, followers)).toBe('public');
  });
});
