import type { CrawlPlan, Rejection } from '@handshake/sdk';

export interface PlannedFeeds {
  /** Feed URLs, each once, in the plan's order: the user's, the targets', the introducers'. */
  readonly urls: readonly string[];
  /** Plan identities whose id is no feed address, with why, so the user can fix the config. */
  readonly rejected: readonly Rejection[];
}

/** The feeds a `plan: true` read fetches: every `feed` identity of the plan, whose id is its feed's URL. */
export function plannedFeeds(plan: CrawlPlan): PlannedFeeds {
  const urls: string[] = [];
  const rejected: Rejection[] = [];
  // One person's feed can be in the plan twice (a target who is also an introducer): read it once.
  for (const id of new Set(plan.on('feed').map((identity) => identity.id))) {
    if (isHttpUrl(id)) urls.push(id);
    else
      rejected.push({
        where: `crawl plan: feed ${JSON.stringify(id)}`,
        reason: "not an http(s) address: a feed identity is its feed's URL, such as https://dan.example/feed.xml",
      });
  }
  return { urls, rejected };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
