/** What a link opened in the page set besides the token, and what of it still holds. */

/** The settings a link may carry besides the token. */
export interface LinkState {
  key?: string;
  leeway?: number;
  expectedIssuer?: string;
  expectedAudience?: string;
}

/**
 * Which of the settings a link set still hold its values, in words for the
 * sentence beside the verdict ("the key", "a leeway of 30 s"): a link is
 * someone else's say, and a person shown "verified" must know what they did not choose.
 */
export function stillFromLink(
  link: LinkState | undefined,
  now: { key: string; leeway: number | string; expectedIssuer: string; expectedAudience: string },
): string[] {
  if (!link) return [];
  const words: string[] = [];
  if (link.key !== undefined && now.key === link.key) words.push('the key');
  if (link.leeway !== undefined && now.leeway === link.leeway)
    words.push(`a leeway of ${link.leeway} s`);
  if (link.expectedIssuer !== undefined && now.expectedIssuer === link.expectedIssuer)
    words.push(`the expected issuer "${link.expectedIssuer}"`);
  if (link.expectedAudience !== undefined && now.expectedAudience === link.expectedAudience)
    words.push(`the expected audience "${link.expectedAudience}"`);
  return words;
}
