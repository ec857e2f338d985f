/**
 * The `unprotected-header` finding on the RFC JSON serializations: RFC 7515
 * A.6 and RFC 7520 §4.8 leave `kid` (and §4.8's second signature `alg`) in the
 * unsigned `header`; RFC 7520 §5.12 puts every JWE header member in
 * `unprotected`; a token with only protected members has no finding.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeJoseJson } from '../../../src/lib/jws/json-serialization';
import { unprotectedHeaderFindings } from '../../../src/lib/findings/unprotected-header';

const load = (name: string) =>
  (
    JSON.parse(readFileSync(`tests/vectors/json-serialization/${name}`, 'utf8')) as {
      cases: { id: string; serialization: object; unprotectedOnly?: string[] }[];
    }
  ).cases;
const findingsOf = (serialization: object) => {
  const decoded = decodeJoseJson(JSON.stringify(serialization));
  if (!decoded.ok) throw new Error(decoded.error.message);
  return unprotectedHeaderFindings(decoded.value);
};

describe('unprotected-header', () => {
  const jws = load('jws-json.json');
  it.each(jws.filter((c) => c.unprotectedOnly!.length > 0))(
    '$id names the members only the unsigned header holds',
    (c) => {
      const [finding, ...rest] = findingsOf(c.serialization);
      expect(rest).toEqual([]);
      expect(finding?.severity).toBe('high');
      for (const member of c.unprotectedOnly!) expect(finding?.message).toContain(`"${member}"`);
    },
  );

  it.each(jws.filter((c) => c.unprotectedOnly!.length === 0))(
    '$id, every member protected, has no finding',
    (c) => {
      expect(findingsOf(c.serialization)).toEqual([]);
    },
  );

  it('says which signature of RFC 7520 §4.8 leaves what unsigned', () => {
    const c = load('jws-json.json').find((x) => x.id === 'rfc7520-4.8')!;
    expect(findingsOf(c.serialization)[0]!.message).toBe(
      'Not signed, so anyone can change them: "kid" in signature 1\'s "header"; "alg", "kid" in signature 2\'s "header".',
    );
  });

  it.each([
    [
      'rfc7516-a4',
      /"jku" in the shared "unprotected" header; "alg", "kid" in recipient 1's "header"; "alg", "kid" in recipient 2's "header"/,
    ],
    [
      'rfc7520-5.12',
      /^Not authenticated, so anyone can change them: "alg", "kid" in the shared "unprotected" header\.$/,
    ],
  ])('%s (JWE)', (id, message) => {
    const c = load('jwe-json.json').find((x) => x.id === id)!;
    expect(findingsOf(c.serialization)[0]!.message).toMatch(message);
  });

  it('holds nothing when every such member is protected', () => {
    const protectedOnly = {
      payload: 'e30',
      protected: Buffer.from('{"alg":"HS256","kid":"k"}').toString('base64url'),
      header: { note: 'free text may go unsigned' },
      signature: 'AA',
    };
    expect(findingsOf(protectedOnly)).toEqual([]);
    const c = load('jwe-json.json').find((x) => x.id === 'rfc7520-5.10')!;
    expect(findingsOf(c.serialization)).toEqual([]);
  });
});
