/**
 * What the "What libraries would say" notes state as checked for an SD-JWT is
 * run here: jose and jsonwebtoken live, PyJWT 2.6.0 through Debian's Python
 * when it is installed. The tokens are RFC 9901's own examples.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { compactVerify, createLocalJWKSet, exportSPKI, importJWK, jwtVerify } from 'jose';
import jsonwebtoken from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { PROFILE_LIBRARIES } from '../../../src/lib/explain/profile-libraries';

interface Vectors {
  issuerKey: Record<string, string>;
  examples: { section: string; tokens: string[] }[];
}
const vectors = JSON.parse(
  readFileSync(new URL('../../vectors/sd-jwt/rfc9901.json', import.meta.url), 'utf8'),
) as Vectors;
const issuance = vectors.examples
  .find((e) => e.section === '5.1')!
  .tokens.find((t) => t.includes('~'))!;
const presentation = vectors.examples.find((e) => e.section === '5.2')!.tokens[0]!;
const issuerJwt = issuance.split('~')[0]!;
const hasPyJwt =
  spawnSync('/usr/bin/python3', ['-c', 'import jwt, cryptography'], { encoding: 'utf8' }).status ===
  0;

describe('an SD-JWT in JWT libraries (RFC 9901 §5.1 and §5.2)', () => {
  it('the notes say what was checked and what was not', () => {
    const notes = PROFILE_LIBRARIES['sd-jwt'].notes;
    expect(notes.filter((n) => !n.checked).every((n) => /Not checked/.test(n.says))).toBe(true);
    expect(notes[0]!.library).toBe('PyJWT, jose, jsonwebtoken');
  });

  it('jose verifies the issuer JWT alone and refuses the whole SD-JWT', async () => {
    const key = await importJWK(vectors.issuerKey, 'ES256');
    await expect(compactVerify(issuerJwt, key)).resolves.toBeTruthy();
    const jwks = createLocalJWKSet({ keys: [{ ...vectors.issuerKey, alg: 'ES256' }] });
    for (const token of [issuance, presentation])
      await expect(jwtVerify(token, jwks)).rejects.toMatchObject({ code: /^ERR_JW[ST]_INVALID$/ });
  });

  it('jsonwebtoken verifies the issuer JWT alone and refuses the whole SD-JWT', async () => {
    const key = await importJWK(vectors.issuerKey, 'ES256', { extractable: true });
    const pem = await exportSPKI(key as CryptoKey);
    const ignoreTimes = { algorithms: ['ES256' as const], ignoreExpiration: true };
    expect(jsonwebtoken.verify(issuerJwt, pem, ignoreTimes)).toHaveProperty('_sd');
    // The disclosures glued to the signature make it unreadable; a key-binding JWT makes five parts.
    expect(() => jsonwebtoken.verify(issuance, pem, ignoreTimes)).toThrow('invalid token');
    expect(() => jsonwebtoken.verify(presentation, pem, ignoreTimes)).toThrow('jwt malformed');
  });

  it.skipIf(!hasPyJwt)('PyJWT 2 verifies the issuer JWT alone and refuses the whole SD-JWT', () => {
    const script = `
import json, sys, jwt
from jwt.algorithms import ECAlgorithm
key = ECAlgorithm.from_jwk(json.dumps(json.loads(sys.argv[1])))
out = []
for token in sys.argv[2:]:
    try:
        jwt.decode(token, key, algorithms=["ES256"], options={"verify_exp": False})
        out.append("ok")
    except Exception as e:
        out.append(type(e).__name__)
print(json.dumps(out))`;
    const r = spawnSync(
      '/usr/bin/python3',
      ['-c', script, JSON.stringify(vectors.issuerKey), issuerJwt, issuance, presentation],
      { encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    // Python's base64 decoder skips the "~"s: the disclosures become signature bytes.
    expect(JSON.parse(r.stdout)).toEqual(['ok', 'InvalidSignatureError', 'DecodeError']);
  });
});
