import { describe, expect, it } from 'vitest';
import { shareCommentary } from './share-commentary.js';

describe('shareCommentary', () => {
  it("removes the stray quotes of LinkedIn's paragraph quoting", () => {
    // What the CSV field holds once unquoted: "text"\r\n""\r\n"text" became text"\r\n"\r\n"text.
    const field = 'First paragraph, with "a quote" inside."\r\n""\r\n"Second: "\r\n""\r\n"#rust #TypeScript';
    expect(shareCommentary(field)).toBe('First paragraph, with "a quote" inside.\n\nSecond:\n\n#rust #TypeScript');
  });

  it('leaves a one-line text and quotes the author typed alone', () => {
    expect(shareCommentary('"Quoted" on purpose')).toBe('"Quoted" on purpose');
    expect(shareCommentary('line one\nline "two"')).toBe('line one\nline "two"');
  });

  it("turns LinkedIn's hashtag markup into hashtags", () => {
    expect(shareCommentary('Hiring {hashtag|\\#|rust} devs')).toBe('Hiring #rust devs');
  });
});
