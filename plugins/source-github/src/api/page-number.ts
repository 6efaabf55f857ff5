/** GitHub's page number of a page URL (its `page` parameter), or `fallback` when it names none. */
export function pageNumber(url: string, fallback = 1): number {
  const value = Number(new URL(url).searchParams.get('page'));
  return Number.isSafeInteger(value) && value >= 1 ? value : fallback;
}
