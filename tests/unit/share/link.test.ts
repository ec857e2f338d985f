import { describe, expect, it } from 'vitest';
import { stillFromLink } from '../../../src/lib';

describe('stillFromLink', () => {
  const now = { key: 'k', leeway: 30, expectedIssuer: 'https://i', expectedAudience: 'a' };
  it("names every setting that still holds the link's value", () => {
    expect(
      stillFromLink(
        { key: 'k', leeway: 30, expectedIssuer: 'https://i', expectedAudience: 'a' },
        now,
      ),
    ).toEqual([
      'the key',
      'a leeway of 30 s',
      'the expected issuer "https://i"',
      'the expected audience "a"',
    ]);
  });
  it('forgets what the person changed since, and what the link did not set', () => {
    expect(stillFromLink({ key: 'other', leeway: 30 }, now)).toEqual(['a leeway of 30 s']);
    expect(stillFromLink(undefined, now)).toEqual([]);
  });
});
