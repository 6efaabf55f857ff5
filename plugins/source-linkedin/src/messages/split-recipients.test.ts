import { describe, expect, it } from 'vitest';
import { splitRecipients } from './split-recipients.js';

describe('splitRecipients', () => {
  it('pairs names with URLs when both lists agree', () => {
    expect(splitRecipients('Ada Lovelace, Grace Hopper', 'https://www.linkedin.com/in/ada,https://www.linkedin.com/in/grace')).toEqual([
      { name: 'Ada Lovelace', url: 'https://www.linkedin.com/in/ada' },
      { name: 'Grace Hopper', url: 'https://www.linkedin.com/in/grace' },
    ]);
  });

  it('keeps a credential after a comma with the name before it', () => {
    expect(splitRecipients('Nicholas Stamp Miller, MBA, Ada Lovelace, PhD', '')).toEqual([
      { name: 'Nicholas Stamp Miller, MBA', url: undefined },
      { name: 'Ada Lovelace, PhD', url: undefined },
    ]);
    expect(splitRecipients('IVO MEI OSCAR, CIA, AIIA', 'https://www.linkedin.com/in/ivo')).toEqual([
      { name: 'IVO MEI OSCAR, CIA, AIIA', url: 'https://www.linkedin.com/in/ivo' },
    ]);
  });

  it('lets the number of URLs decide when a short piece is a name of its own', () => {
    expect(splitRecipients('Ada, JJ', 'https://www.linkedin.com/in/ada https://www.linkedin.com/in/jj')).toEqual([
      { name: 'Ada', url: 'https://www.linkedin.com/in/ada' },
      { name: 'JJ', url: 'https://www.linkedin.com/in/jj' },
    ]);
  });

  it('does not pair when the counts disagree, and tidies spaces', () => {
    expect(splitRecipients(' Ada  Lovelace ,Grace Hopper', 'https://www.linkedin.com/in/ada')).toEqual([
      { name: 'Ada Lovelace', url: undefined },
      { name: 'Grace Hopper', url: undefined },
    ]);
    expect(splitRecipients('', '')).toEqual([]);
  });
});
