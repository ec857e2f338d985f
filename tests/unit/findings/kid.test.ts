/**
 * kid-suspicious, character by character as security-checks.md lists them: the
 * marks of path traversal, injection and URLs fire; a base64 kid does not.
 */
import { describe, expect, it } from 'vitest';
import { kidFindings } from '../../../src/lib/findings/header-key-params';

const message = (kid: unknown) => kidFindings({ kid })[0]?.message;

describe('kid-suspicious', () => {
  it.each([
    // AWS Cognito's kids are a SHA-256 in standard base64: '+', '/' and '=' are normal.
    ['a Cognito kid', 'XmQ5+W3s/9vT0yZkLq2Hn8pR4cJd1Ae6Fb7Gg0Uo+/k='],
    ['a kid with a lone slash', 'signing/2024-01'],
    ['a UUID', '3f2b8c1e-9d4a-4f6b-8e2a-1c5d7e9f0a3b'],
  ])('stays quiet on %s', (_, kid) => {
    expect(kidFindings({ kid })).toEqual([]);
  });

  it.each([
    ['../etc/passwd', `"kid" contains '../': "../etc/passwd".`],
    ['..\\keys\\k1', `"kid" contains '..\\': "..\\\\keys\\\\k1".`],
    ['https://evil.example/k', `"kid" contains a URL: "https://evil.example/k".`],
    ['k1\u0000', `"kid" contains a NUL character: "k1\\u0000".`],
    ['k1\nk2', `"kid" contains a control character: "k1\\nk2".`],
    [`x' UNION SELECT 'secret`, `"kid" contains a quote: "x' UNION SELECT 'secret".`],
    ['`id`', '"kid" contains a backtick: "`id`".'],
    ['k1; rm -rf /', `"kid" contains ';': "k1; rm -rf /".`],
    ['k1 | cat', `"kid" contains '|': "k1 | cat".`],
    ['$(id)', `"kid" contains '$(': "$(id)".`],
    ['k1 --', `"kid" contains an SQL comment marker: "k1 --".`],
    ['k1/**/', `"kid" contains an SQL comment marker: "k1/**/".`],
    [`../k'--`, `"kid" contains '../', a quote, an SQL comment marker: "../k'--".`],
    [42, '"kid" is 42, not a string.'],
  ])('fires on %j', (kid, expected) => {
    expect(message(kid)).toBe(expected);
    expect(kidFindings({ kid })[0]).toMatchObject({
      id: 'kid-suspicious',
      severity: 'high',
      location: { part: 'header', member: 'kid' },
    });
  });
});
