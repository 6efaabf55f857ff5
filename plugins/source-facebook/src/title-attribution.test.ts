import { describe, expect, test } from 'vitest';
import { attributeTitle } from './title-attribution.js';

describe('attributeTitle', () => {
  test.each([
    ["Ada Lovelace commented on Dan Example's post.", { action: 'comment', actor: 'Ada Lovelace', counterpart: 'Dan Example', own: false }],
    [
      "Ada Lovelace replied to Dan O'Brien's comment.",
      { action: 'comment', actor: 'Ada Lovelace', counterpart: "Dan O'Brien", own: false },
    ],
    ["Ada likes James' photo.", { action: 'reaction', actor: 'Ada', counterpart: 'James', own: false }],
    ['Ada reacted to Zoë Đặng’s video.', { action: 'reaction', actor: 'Ada', counterpart: 'Zoë Đặng', own: false }],
    [
      "Ada Lovelace wrote on Dan Example's timeline.",
      { action: 'timeline', actor: 'Ada Lovelace', counterpart: 'Dan Example', own: false },
    ],
    ["Ada Lovelace shared 🚀 Brendan's post.", { action: 'share', actor: 'Ada Lovelace', counterpart: '🚀 Brendan', own: false }],
    ["Ada commented on Dan's post in Rust Lovers.", { action: 'comment', actor: 'Ada', counterpart: 'Dan', own: false }],
    ['Ada Lovelace commented on her own post.', { action: 'comment', actor: 'Ada Lovelace', own: true }],
    ['Ada Lovelace likes a post.', { action: 'reaction', actor: 'Ada Lovelace', own: false }],
    ['Ada Lovelace shared a link.', { action: 'share', actor: 'Ada Lovelace', own: false }],
  ])('%s', (title, expected) => {
    expect(attributeTitle(title)).toEqual(expected);
  });

  test('gives nothing for titles in other languages or of other forms', () => {
    expect(attributeTitle('Demo User đã bình luận về ảnh của Charlie Le.')).toBeUndefined();
    expect(attributeTitle('Ada Lovelace updated her status.')).toBeUndefined();
    expect(attributeTitle(undefined)).toBeUndefined();
    expect(attributeTitle(42)).toBeUndefined();
  });
});
