import { describe, expect, it } from 'vitest';
import { hashtags } from './hashtags.js';
import { linksIn } from './links-in.js';

describe('hashtags and links', () => {
  it('takes hashtags without #, lower-cased, once, and not from URLs or entities', () => {
    expect(hashtags('#Rust and #rust, #wasm_2024! see https://x.example/page#section &#39; #123')).toEqual(['rust', 'wasm_2024']);
  });

  it("takes web links without trailing punctuation and without LinkedIn's shortener", () => {
    expect(linksIn('Read https://ada.example/post. Or https://lnkd.in/cnO3w2Ey (https://b.example/x).')).toEqual([
      'https://ada.example/post',
      'https://b.example/x',
    ]);
  });
});
