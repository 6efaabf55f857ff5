import { describe, expect, it } from 'vitest';
import { linkWithRel, parseLinkHeader } from './parse-link-header.js';

describe('parseLinkHeader', () => {
  it('reads GitHub links with several relations', () => {
    const header =
      '<https://api.github.com/repositories/515435940/issues?per_page=3&page=2>; rel="next", <https://api.github.com/repositories/515435940/issues?per_page=3&page=5>; rel="last"';
    expect(parseLinkHeader(header).map((link) => [link.rel, link.url])).toEqual([
      [['next'], 'https://api.github.com/repositories/515435940/issues?per_page=3&page=2'],
      [['last'], 'https://api.github.com/repositories/515435940/issues?per_page=3&page=5'],
    ]);
  });

  it('keeps commas and semicolons inside the URL, and reads unquoted and multi-valued rel', () => {
    const header = '<https://a.example/x?ids=1,2;3>; rel=next, <https://a.example/y>; rel="prev first"; title="a, b"';
    const links = parseLinkHeader(header);
    expect(links[0]).toMatchObject({ url: 'https://a.example/x?ids=1,2;3', rel: ['next'] });
    expect(links[1]).toMatchObject({ url: 'https://a.example/y', rel: ['prev', 'first'], parameters: { title: 'a, b' } });
  });

  it('resolves relative links against the response URL', () => {
    expect(linkWithRel('</api/v1/bookmarks?max_id=1>; rel="next"', 'next', 'https://m.example/api/v1/bookmarks')).toBe(
      'https://m.example/api/v1/bookmarks?max_id=1',
    );
    expect(linkWithRel(undefined, 'next')).toBeUndefined();
  });
});
