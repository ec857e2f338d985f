/**
 * RFC 9901's own examples (section 5 and appendix A, extracted from the
 * spec's text by scripts/rfc9901-vectors.py) process to the claims the RFC
 * documents, and the key-binding JWTs check with the values the RFC used.
 */
import { describe, expect, it } from 'vitest';
import { compactVerify, importJWK } from 'jose';
import { KeyResolver } from '../../../src/lib/keys/resolve';
import { decodeToken, type JsonObject } from '../../../src/lib/jws/decode';
import { inspectSdJwt, judgeSdJwt, splitSdJwt } from '../../../src/lib/sd-jwt';
import vectors from '../../vectors/sd-jwt/rfc9901.json';

interface Example {
  section: string;
  tokens: string[];
  processed: JsonObject | null;
  kbPayload: JsonObject | null;
}
const examples = vectors.examples as Example[];
const bySection = (s: string) => examples.find((e) => e.section === s)!;
/** The presentation of each example: its last token, the one with disclosures. */
const presentation = (e: Example) => e.tokens[e.tokens.length - 1]!;

async function inspect(text: string) {
  const parts = splitSdJwt(text);
  if (!parts.ok) throw parts.error;
  const issuer = decodeToken(parts.value.issuerJwt);
  if (!issuer.ok || issuer.value.kind !== 'jws') throw new Error('issuer JWT');
  return {
    parts: parts.value,
    facts: await inspectSdJwt(parts.value, issuer.value.payload, new KeyResolver()),
  };
}

describe('RFC 9901 examples', () => {
  it.each(['5.2', 'A.1', 'A.2', 'A.3', 'A.4'])(
    'the presentation of %s processes to the documented claims',
    async (section) => {
      const e = bySection(section);
      const { facts } = await inspect(presentation(e));
      expect(facts.problems).toEqual([]);
      expect(facts.disclosures.every((d) => d.status === 'matched')).toBe(true);
      expect(facts.claims).toEqual(e.processed);
    },
  );

  it.each(['5.2', 'A.1', 'A.2', 'A.3', 'A.4'])(
    "the issuer JWT of %s verifies with the RFC's issuer key (A.5)",
    async (section) => {
      const parts = splitSdJwt(presentation(bySection(section)));
      if (!parts.ok) throw parts.error;
      const key = await importJWK(vectors.issuerKey, 'ES256');
      await expect(compactVerify(parts.value.issuerJwt, key)).resolves.toBeDefined();
    },
  );

  it('section 5: the issuance discloses every claim, two nationalities as array elements', async () => {
    const { facts } = await inspect(bySection('5.1').tokens[1]!);
    expect(facts.disclosures.map((d) => d.path)).toEqual([
      'given_name',
      'family_name',
      'email',
      'phone_number',
      'phone_number_verified',
      'address',
      'birthdate',
      'updated_at',
      'nationalities[0]',
      'nationalities[1]',
    ]);
    expect(facts.decoys).toBe(0);
    expect(facts.kb.status).toBe('absent');
    expect(facts.claims?.['nationalities']).toEqual(['US', 'DE']);
  });

  it('A.1: the decoys left unmatched are counted', async () => {
    const { facts } = await inspect(presentation(bySection('A.1')));
    expect(facts.decoys).toBeGreaterThan(0);
  });

  describe('section 5.2 key binding', () => {
    const e = bySection('5.2');
    const kb = e.kbPayload!;
    const expect_ = {
      expectedAudience: 'https://verifier.example.org',
      expectedNonce: '1234567890',
      now: kb['iat'] as number,
      leeway: 0,
    };

    it('verifies with the documented aud, nonce and iat', async () => {
      const { facts } = await inspect(presentation(e));
      const view = judgeSdJwt(facts, expect_);
      expect(view.kbVerdict).toMatchObject({ status: 'verified', failures: [] });
    });

    it.each([
      ['aud', { expectedAudience: 'https://other.example' }, 'ERR_KB_AUD'],
      ['nonce', { expectedNonce: '0987654321' }, 'ERR_KB_NONCE'],
      ['iat', { now: (kb['iat'] as number) + 3600 }, 'ERR_KB_IAT'],
      ['iat', { now: (kb['iat'] as number) - 60 }, 'ERR_KB_IAT'],
    ])('fails %s when it differs from what is expected', async (check, change, code) => {
      const { facts } = await inspect(presentation(e));
      const view = judgeSdJwt(facts, { ...expect_, ...change });
      expect(view.kbVerdict.status).toBe('invalid');
      expect(view.kbVerdict.failures.map((f) => [f.check, f.code])).toEqual([[check, code]]);
      expect(view.kbVerdict.message).toContain(`fails ${check}`);
    });

    it('fails sd_hash when a disclosure is left out of the presentation', async () => {
      const text = presentation(e);
      const pieces = text.split('~');
      pieces.splice(2, 1); // drop the address disclosure
      const { facts } = await inspect(pieces.join('~'));
      expect(facts.kb.status).toBe('invalid');
      expect(facts.kb.failures.map((f) => f.code)).toEqual(['ERR_KB_SD_HASH']);
    });

    it('fails the signature when the key-binding JWT is signed by another key', async () => {
      const text = presentation(e);
      // The issuer JWT's signature is a valid ES256 signature, of other bytes.
      const kbParts = text.slice(text.lastIndexOf('~') + 1).split('.');
      const issuerSig = text.split('~')[0]!.split('.')[2]!;
      const forged = `${text.slice(0, text.lastIndexOf('~') + 1)}${kbParts[0]}.${kbParts[1]}.${issuerSig}`;
      const { facts } = await inspect(forged);
      expect(facts.kb.failures.map((f) => f.code)).toEqual(['ERR_KB_SIGNATURE']);
    });
  });
});
