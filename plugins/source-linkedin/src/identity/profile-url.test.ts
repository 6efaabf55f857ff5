import { describe, expect, it } from 'vitest';
import { normalizeProfileUrl } from './profile-url.js';

describe('normalizeProfileUrl', () => {
  it.each([
    ['https://www.linkedin.com/in/dmitri-wells-a34c5dcca', 'https://www.linkedin.com/in/dmitri-wells-a34c5dcca'],
    ['http://linkedin.com/in/Dmitri-Wells-A34C5DCCA/', 'https://www.linkedin.com/in/dmitri-wells-a34c5dcca'],
    ['https://de.linkedin.com/in/ada/en?trk=x#top', 'https://www.linkedin.com/in/ada'],
    ['www.linkedin.com/in/ada', 'https://www.linkedin.com/in/ada'],
    ['https://www.linkedin.com/in/%7Ekeziah', 'https://www.linkedin.com/in/~keziah'],
    ['https://www.linkedin.com/in/~keziah', 'https://www.linkedin.com/in/~keziah'],
    ['https://www.linkedin.com/in/jos%C3%A9', 'https://www.linkedin.com/in/jos%C3%A9'],
    ['https://www.linkedin.com/in/José', 'https://www.linkedin.com/in/jos%C3%A9'],
    ['https://www.linkedin.com/pub/ada-l/1/2/3', 'https://www.linkedin.com/pub/ada-l/1/2/3'],
  ])('%s → %s', (raw, expected) => {
    expect(normalizeProfileUrl(raw)).toBe(expected);
  });

  it('gives nothing for an empty or unreadable value', () => {
    expect(normalizeProfileUrl('')).toBeUndefined();
    expect(normalizeProfileUrl('   ')).toBeUndefined();
    expect(normalizeProfileUrl('mailto:ada@example.org')).toBeUndefined();
    expect(normalizeProfileUrl('https://')).toBeUndefined();
  });
});
