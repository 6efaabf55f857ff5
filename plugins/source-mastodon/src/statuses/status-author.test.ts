import { describe, expect, it } from 'vitest';
import { statusAuthor } from './status-author.js';

describe('statusAuthor', () => {
  it("reads the author from Mastodon's status URI shapes", () => {
    expect(statusAuthor('https://field.example/users/sky/statuses/109322419366506146')).toBe('https://field.example/users/sky');
    expect(statusAuthor('https://town.example/users/CliffFirework/statuses/1')).toBe('https://town.example/users/CliffFirework');
    expect(statusAuthor('https://new.example/ap/users/1234/statuses/5678')).toBe('https://new.example/ap/users/1234');
  });

  it('knows no author for other software unless the URI sits under a known actor', () => {
    expect(statusAuthor('https://island.example/notes/7u5yv6qc8n')).toBeUndefined();
    expect(statusAuthor('https://grove.example/objects/a1c8ae8e-30c5-4dbf-a06a-539b8cb816dc')).toBeUndefined();
    expect(statusAuthor('https://example.org/2024/01/17/camel-prairie-hazelnut.html')).toBeUndefined();
    expect(statusAuthor('https://far.example/users/dan/statuses/1/activity')).toBeUndefined();
    expect(statusAuthor('https://gts.example/@bob/posts/01H', ['https://gts.example/@bob', 'https://gts.example/@bobby'])).toBe(
      'https://gts.example/@bob',
    );
    expect(statusAuthor('https://gts.example/@bobby2/posts/01H', ['https://gts.example/@bob'])).toBeUndefined();
  });
});
