const URN = /urn:li:[A-Za-z]+:[\w-]+/;

/**
 * The URN in a LinkedIn post link (`…/feed/update/urn%3Ali%3Ashare%3A6973…`), decoded: Shares,
 * Comments and Reactions percent-encode it, Votes does not, and both forms must give one id.
 */
export function activityUrn(link: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(link);
  } catch {
    decoded = link;
  }
  return URN.exec(decoded)?.[0];
}
