/**
 * SD-JWTs from an independent implementation (sd-jwt-js, recorded by
 * scripts/sd-jwt-library-vectors.mjs) read by the page's engine to the claims
 * the library says a verifier sees, key binding included; and the page's own
 * SD-JWTs, which that library verified when the script ran, process here to
 * the same claims the library gave.
 */
import { describe, expect, it } from 'vitest';
import { compactVerify, importJWK } from 'jose';
import { KeyResolver } from '../../../src/lib/keys/resolve';
import { decodeTokenText } from '../../../src/lib/check/sd-jwt-decode';
import { inspectSdJwt, judgeSdJwt } from '../../../src/lib/sd-jwt';
import vectors from '../../vectors/sd-jwt/sd-jwt-js.json';

interface Case {
  name: string;
  hash: string;
  token: string;
  processed?: Record<string, unknown>;
  kb?: { aud: string; nonce: string; iat: number } | null;
  verified?: boolean;
  libraryClaims?: Record<string, unknown>;
}

const resolver = new KeyResolver();

async function read(token: string) {
  const { decoded, sdJwt } = decodeTokenText(token);
  if (!decoded.ok || decoded.value.kind !== 'jws' || !sdJwt) throw new Error('not an SD-JWT');
  const facts = await inspectSdJwt(sdJwt, decoded.value.payload, resolver, decoded.value.header);
  return { facts, issuerJwt: sdJwt.issuerJwt };
}

describe('SD-JWTs made by sd-jwt-js', () => {
  it.each((vectors.library_made as Case[]).map((c) => [c.name, c] as const))(
    '%s processes to the claims the library gives',
    async (_, c) => {
      const { facts, issuerJwt } = await read(c.token);
      expect(facts.hash).toBe(c.hash);
      expect(facts.problems).toEqual([]);
      expect(facts.disclosures.every((d) => d.status === 'matched')).toBe(true);
      expect(facts.claims).toEqual(c.processed);
      await expect(
        compactVerify(issuerJwt, await importJWK(vectors.issuerKey, 'ES256')),
      ).resolves.toBeDefined();
      if (!c.kb) {
        expect(facts.kb.status).toBe('absent');
        return;
      }
      const verdict = judgeSdJwt(facts, {
        expectedAudience: c.kb.aud,
        expectedNonce: c.kb.nonce,
        now: c.kb.iat,
        leeway: 0,
      }).kbVerdict;
      expect(verdict.failures).toEqual([]);
      expect(verdict.status).toBe('verified');
    },
  );
});

describe("the page's SD-JWTs, as sd-jwt-js verified them", () => {
  it.each((vectors.page_made as Case[]).map((c) => [c.name, c] as const))(
    '%s: the library verified it, and both read the same claims',
    async (_, c) => {
      expect(c.verified).toBe(true);
      const { facts } = await read(c.token);
      expect(facts.problems).toEqual([]);
      expect(facts.claims).toEqual(c.libraryClaims);
    },
  );
});
