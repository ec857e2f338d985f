/**
 * Patterns that once backtracked without bound on input a person can paste:
 * each now answers in a time bounded by its input. (Before: 31 letters and
 * a '#' in the key box took about a minute; 200,000 letters and an '@' in a
 * claim, another.) The default test timeout is what fails the old patterns.
 */
import { describe, expect, it } from 'vitest';
import { findFindings, looksMemorable } from '../../../src/lib/findings';
import { decodeToken } from '../../../src/lib';

const b64 = (s: string) => Buffer.from(s).toString('base64url');

describe('no runaway backtracking', () => {
  it('a secret of 31 letters and a "#" is not memorable, and says so at once', () => {
    expect(looksMemorable(`${'a'.repeat(31)}#`)).toBe(false);
    expect(looksMemorable('my-super-secret')).toBe(true);
  });

  it('a claim of a megabyte of letters and an "@" is scanned for emails around the "@"', () => {
    const claims = { sub: `${'a'.repeat(1_000_000)}@`, other: 'ada@example.com' };
    const token = `${b64('{"alg":"HS256"}')}.${b64(JSON.stringify(claims))}.c2ln`;
    const decoded = decodeToken(token);
    if (!decoded.ok) throw decoded.error;
    const found = findFindings({ decoded: decoded.value, keyText: 'k', now: 0 });
    expect(found.find((f) => f.id === 'sensitive-data')?.message).toBe(
      '"other" holds an email address (ada@example.com), readable by anyone who sees the token.',
    );
  });
});
