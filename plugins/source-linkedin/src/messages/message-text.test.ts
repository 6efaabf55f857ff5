import { describe, expect, it } from 'vitest';
import { messageText } from './message-text.js';

describe('messageText', () => {
  it('turns the HTML of the rich editor into paragraphs', () => {
    expect(messageText('<p class="x">Hello,</p><p class="x"><br></p><p>Fish &amp; chips&#33; &#x1F680;</p>')).toBe(
      'Hello,\n\nFish & chips! 🚀',
    );
  });

  it('keeps plain text, with its line ends made \\n', () => {
    expect(messageText('a < b\r\nc > d')).toBe('a < b\nc > d');
  });
});
