/**
 * An SD-JWT through the one pipeline: RFC 9901 §5.2's presentation with key
 * binding is its issuer JWT verified like any JWS, the processed claims
 * judged, the disclosures listed and the key-binding JWT judged against
 * what the person expects.
 */
import { describe, expect, it } from 'vitest';
import * as findings from '../../../src/lib/findings';
import * as outcomes from '../../../src/lib/explain/outcomes';
import { Checker, type KeyInput, type Settings } from '../../../src/lib';
import type { SdJwtView } from '../../../src/lib/sd-jwt';
import vectors from '../../vectors/sd-jwt/rfc9901.json';

const example = vectors.examples.find((e) => e.section === '5.2')!;
const presentation = example.tokens[0]!;
const KB_IAT = 1748536865;
const settings = (over: Partial<Settings> = {}): Settings => ({
  now: KB_IAT,
  leeway: 0,
  expectedIssuer: '',
  expectedAudience: 'https://verifier.example.org',
  expectedNonce: '1234567890',
  requiredClaims: [],
  timeTravel: true,
  ...over,
});
const keys: KeyInput = {
  text: JSON.stringify(vectors.issuerKey),
  encoding: 'utf8',
  innerText: '',
  from: 'person',
};

async function settle(text: string, s = settings()) {
  const checker = new Checker();
  const input = { text, from: 'person' as const };
  const first = checker.check(input, s, keys, { findings, outcomes });
  const verdicts = await checker.verify(first, keys);
  return { first, report: checker.check(input, s, keys, { findings, outcomes }, verdicts) };
}

describe('an SD-JWT in the pipeline', () => {
  it('is an SD-JWT+KB, not a five-part JWE, and checks whole', async () => {
    const { first, report } = await settle(
      presentation,
      settings({ requiredClaims: ['given_name'] }),
    );
    expect(first.view?.form).toBe('sd-jwt-kb');
    expect(first.sdJwt).toMatchObject({ status: 'checking' });
    expect(report.signature.status).toBe('verified');
    const sd = report.sdJwt as SdJwtView;
    expect(sd.kbVerdict.status).toBe('verified');
    expect(sd.claims).toEqual(example.processed);
    expect(sd.disclosures.map((d) => [d.status, d.name ?? 'array element'])).toEqual([
      ['matched', 'family_name'],
      ['matched', 'address'],
      ['matched', 'given_name'],
      ['matched', 'array element'],
    ]);
    // The claims judged are the processed ones (given_name is disclosed), and
    // the expected audience is the key-binding JWT's, not the issuer JWT's.
    expect(first.claims?.valid).toBe(false);
    expect(report.claims?.valid).toBe(true);
    expect(report.findings?.map((f) => f.id) ?? []).not.toContain('sd-disclosure-unmatched');
  });

  it('an SD-JWT VC (RFC 9901 A.3) shows its type', async () => {
    const a3 = vectors.examples.find((e) => e.section === 'A.3')!;
    const { report } = await settle(
      a3.tokens[1]!,
      settings({ expectedAudience: '', expectedNonce: '' }),
    );
    expect((report.sdJwt as SdJwtView).vc).toMatchObject({
      vct: 'urn:eudi:pid:de:1',
      problems: [],
    });
    expect((report.sdJwt as SdJwtView).vc?.typ).toBe('dc+sd-jwt');
  });

  it('judges the key-binding JWT against the nonce the person types', async () => {
    const { report } = await settle(presentation, settings({ expectedNonce: 'other' }));
    expect((report.sdJwt as SdJwtView).kbVerdict.failures.map((f) => f.check)).toEqual(['nonce']);
  });

  it('a tampered disclosure is unmatched, a finding, and breaks sd_hash', async () => {
    const pieces = presentation.split('~');
    pieces[1] = pieces[1]!.replace(/^WyJl/, 'WyJm'); // another salt: another digest
    const { report } = await settle(pieces.join('~'));
    const sd = report.sdJwt as SdJwtView;
    expect(sd.disclosures[0]!.status).toBe('unmatched');
    expect(sd.kbVerdict.failures.map((f) => f.check)).toEqual(['sd_hash']);
    expect(report.findings?.map((f) => f.id)).toContain('sd-disclosure-unmatched');
    expect(report.signature.status).toBe('verified');
  });

  it('without key binding: sd-jwt, kb absent, and sd-kb-missing since the issuer bound a key', async () => {
    const issuance = vectors.examples.find((e) => e.section === '5.1')!.tokens[1]!;
    const { report } = await settle(issuance);
    expect(report.view?.form).toBe('sd-jwt');
    expect((report.sdJwt as SdJwtView).kbVerdict.status).toBe('absent');
    expect(report.findings?.map((f) => f.id)).toContain('sd-kb-missing');
  });
});
