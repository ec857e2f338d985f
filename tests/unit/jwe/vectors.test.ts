/**
 * RFC 7516 Appendix A and RFC 7520 §5 compact JWEs: first proven with jose
 * alone, then decrypted by the engine to the documented plaintext (or refused
 * with the explained message where the browser cannot run the algorithm).
 */
import { readFileSync } from 'node:fs';
import * as jose from 'jose';
import { describe, expect, it } from 'vitest';
import { decodeToken, type DecodedJwe } from '../../../src/lib';
import { decryptJwe } from '../../../src/lib/jwe';

interface JweVector {
  id: string;
  source: string;
  alg: string;
  enc: string;
  keyFormat: 'jwk' | 'password';
  key: string;
  token: string;
  plaintext: string;
  expect: 'decrypted' | 'refused';
  code?: string;
  p2c?: number;
}

const load = (name: string): JweVector[] =>
  (JSON.parse(readFileSync(`tests/vectors/jwe/${name}`, 'utf8')) as { cases: JweVector[] }).cases;
const vectors = [...load('rfc7516.json'), ...load('rfc7520-jwe.json')];

const jwe = (token: string): DecodedJwe => {
  const decoded = decodeToken(token);
  if (!decoded.ok || decoded.value.kind !== 'jwe') throw new TypeError('not a JWE');
  return decoded.value;
};

describe('JWE vectors are right (jose alone)', () => {
  it.each(vectors.filter((v) => v.expect === 'decrypted'))('$source', async (v) => {
    const key =
      v.keyFormat === 'password'
        ? new TextEncoder().encode(v.key)
        : await jose.importJWK((({ alg: _a, use: _u, ...k }) => k)(JSON.parse(v.key)), v.alg);
    const { plaintext } = await jose.compactDecrypt(v.token, key, {
      keyManagementAlgorithms: [v.alg],
    });
    expect(new TextDecoder().decode(plaintext)).toBe(v.plaintext);
  });
});

describe('decryptJwe on the RFC vectors', () => {
  it('covers RFC 7516 A.1–A.3 and RFC 7520 5.1–5.8', () => {
    expect(vectors.map((v) => v.id)).toEqual([
      'A.1',
      'A.2',
      'A.3',
      '5.1',
      '5.2',
      '5.3',
      '5.4',
      '5.5',
      '5.6',
      '5.7',
      '5.8',
    ]);
  });

  it.each(vectors)('$source', async (v) => {
    const result = await decryptJwe(jwe(v.token), v.key, { secretEncoding: 'utf8' });
    if (v.expect === 'refused') {
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe(v.code);
      expect(result.error.message).toMatch(/RSA1_5 .*deprecated and not supported by jose 6/);
      return;
    }
    expect(result.ok, result.ok ? '' : result.error.message).toBe(true);
    if (!result.ok) return;
    expect(new TextDecoder().decode(result.value.plaintext)).toBe(v.plaintext);
  });
});
