import { describe, expect, it } from 'vitest';
import { statusContent } from './status-content.js';

describe('statusContent', () => {
  it('restores links Mastodon shortens with invisible spans, and keeps paragraphs and line breaks', () => {
    const html =
      '<p>Tick\u00e9ts &amp; maps&#39; notes</p><p>line one<br />line two <a href="https://example.com/2022/11/07/star-blossom/" target="_blank" rel="nofollow noopener noreferrer" translate="no"><span class="invisible">https://</span><span class="ellipsis">example.com/2022/11/07/sta</span><span class="invisible">r-blossom/</span></a></p>';
    expect(statusContent(html)).toEqual({
      text: "Tickéts & maps' notes\n\nline one\nline two https://example.com/2022/11/07/star-blossom/",
      links: ['https://example.com/2022/11/07/star-blossom/'],
    });
  });

  it('leaves mentions and hashtags out of the links, and the hrefs the caller names', () => {
    const html =
      '<p><span class="h-card"><a href="https://field.example/@sky" class="u-url mention">@<span>sky</span></a></span> <a href="https://social.example/tags/maps" class="mention hashtag" rel="tag">#<span>maps</span></a> <a href="https://pleroma.example/tag/x">#x</a> <a href="https://a.example/">a</a> <a href="https://a.example/">again</a> <a href="mailto:x@a.example">mail</a></p>';
    expect(statusContent(html, new Set(['https://pleroma.example/tag/x']))).toEqual({
      text: '@sky #maps #x a again mail',
      links: ['https://a.example/'],
    });
  });

  it('reads an empty or plain-text content', () => {
    expect(statusContent('')).toEqual({ text: '', links: [] });
    expect(statusContent('just text')).toEqual({ text: 'just text', links: [] });
  });
});
