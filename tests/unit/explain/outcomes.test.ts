/**
 * predictOutcomes against the real libraries. Every scenario in
 * tests/vectors/outcomes/pyjwt-outcomes.json (tokens and PyJWT's answer made
 * by scripts/pyjwt-outcomes.py with Debian's PyJWT 2.6.0 at a frozen clock) is
 * run through the page's engine (decode, key, signature, claims), the
 * prediction is compared with PyJWT's recorded exception, and the same token,
 * key and options are given live to jose's jwtVerify and jsonwebtoken.verify.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as jose from 'jose';
import jsonwebtoken from 'jsonwebtoken';
import { Checker, KeyResolver, type KeyInput } from '../../../src/lib';
import * as outcomes from '../../../src/lib/explain/outcomes';
import type { LibraryOutcome, OutcomeSettings } from '../../../src/lib/explain/outcomes';

interface Scenario {
  id: string;
  token: string;
  key: string;
  settings: Omit<OutcomeSettings, 'now' | 'keyForm'>;
  pyjwt: { name: string; message: string };
}

const vectors = JSON.parse(
  readFileSync(new URL('../../vectors/outcomes/pyjwt-outcomes.json', import.meta.url), 'utf8'),
) as { now: number; scenarios: Scenario[] };
const NOW = vectors.now;
const resolver = new KeyResolver();

/** The page's pipeline: the engine's one call, with the scenario's server settings. */
async function predict(s: Scenario): Promise<LibraryOutcome[] | undefined> {
  const checker = new Checker(resolver);
  const settings = { ...s.settings, now: NOW, timeTravel: false };
  const keys: KeyInput = { text: s.key, encoding: 'utf8', innerText: '', from: 'person' };
  const input = { text: s.token, from: 'person' } as const;
  const tools = { outcomes };
  const first = checker.check(input, settings, keys, tools);
  const verdicts = await checker.verify(first, keys);
  return checker.check(input, settings, keys, tools, verdicts).outcomes;
}

async function realJose(s: Scenario): Promise<Omit<LibraryOutcome, 'library'>> {
  const o = s.settings;
  try {
    const key = s.key.includes('-----BEGIN')
      ? await jose.importSPKI(s.key, o.algorithms[0]!)
      : new TextEncoder().encode(s.key);
    await jose.jwtVerify(s.token, key, {
      algorithms: [...o.algorithms],
      clockTolerance: o.leeway,
      currentDate: new Date(NOW * 1000),
      requiredClaims: [...o.requiredClaims],
      ...(o.expectedIssuer ? { issuer: o.expectedIssuer } : {}),
      ...(o.expectedAudience ? { audience: o.expectedAudience } : {}),
    });
    return { ok: true, name: 'ok', message: '' };
  } catch (e) {
    const x = e as Error & { code?: string; claim?: string; reason?: string };
    return {
      ok: false,
      name: x.name,
      message: x.message,
      ...(x.code ? { code: x.code } : {}),
      ...(x.claim ? { claim: x.claim, reason: x.reason! } : {}),
    };
  }
}

function realJsonwebtoken(s: Scenario): { name: string; message: string } {
  const o = s.settings;
  try {
    jsonwebtoken.verify(s.token, s.key, {
      algorithms: [...o.algorithms] as jsonwebtoken.Algorithm[],
      clockTolerance: o.leeway,
      clockTimestamp: NOW,
      ...(o.expectedIssuer ? { issuer: o.expectedIssuer } : {}),
      ...(o.expectedAudience ? { audience: o.expectedAudience } : {}),
    });
    return { name: 'ok', message: '' };
  } catch (e) {
    return { name: (e as Error).name, message: (e as Error).message };
  }
}

const pick = (list: LibraryOutcome[] | undefined, id: LibraryOutcome['library']) => {
  const found = list?.find((o) => o.library === id);
  if (!found) throw new Error(`no ${id} prediction`);
  return found;
};

const sameMessage = (predicted: LibraryOutcome, actual: string) =>
  predicted.prefix ? actual.startsWith(predicted.message) : actual === predicted.message;

describe('library outcomes: prediction vs the real libraries', () => {
  it('covers the scenarios the brief names', () => {
    const ids = vectors.scenarios.map((s) => s.id);
    for (const id of [
      'valid',
      'expired',
      'expired-within-leeway',
      'nbf-future',
      'wrong-signature',
      'alg-none',
      'wrong-iss',
      'wrong-aud',
      'missing-required-exp',
      'malformed-two-parts',
      'pem-as-hmac-secret',
      'rsa-key-for-hs256-token',
    ])
      expect(ids).toContain(id);
  });

  describe.each(vectors.scenarios)('$id', (s) => {
    it('PyJWT 2.6.0 (recorded by scripts/pyjwt-outcomes.py)', async () => {
      const p = pick(await predict(s), 'pyjwt');
      expect(p.name).toBe(s.pyjwt.name);
      expect(sameMessage(p, s.pyjwt.message), `${p.message} vs ${s.pyjwt.message}`).toBe(true);
    });

    it('jose jwtVerify (run live)', async () => {
      const p = pick(await predict(s), 'jose');
      const real = await realJose(s);
      expect({ name: p.name, code: p.code, claim: p.claim, reason: p.reason }).toEqual({
        name: real.name,
        code: real.code,
        claim: real.claim,
        reason: real.reason,
      });
      expect(sameMessage(p, real.message), `${p.message} vs ${real.message}`).toBe(true);
    });

    it('jsonwebtoken.verify (run live)', async () => {
      const p = pick(await predict(s), 'jsonwebtoken');
      const real = realJsonwebtoken(s);
      expect({ name: p.name, message: p.message }).toEqual(real);
    });
  });

  it('the three disagree where their order differs (expired and wrong issuer)', async () => {
    const s = vectors.scenarios.find((x) => x.id === 'expired-and-wrong-iss')!;
    const names = (await predict(s))!.map((o) => o.name);
    expect(names).toEqual([
      'ExpiredSignatureError',
      'JWTClaimValidationFailed',
      'TokenExpiredError',
    ]);
  });
});

describe('serverAlgorithms', () => {
  it.each([
    ['HS256', undefined, undefined, ['HS256']],
    ['HS512', 'oct', undefined, ['HS512']],
    ['none', 'oct', undefined, ['HS256']],
    ['HS256', 'RSA', undefined, ['RS256']],
    ['PS384', 'RSA', undefined, ['PS384']],
    ['RS256', 'EC', 'P-384', ['ES384']],
    ['ES256', 'EC', 'P-256', ['ES256']],
    ['HS256', 'OKP', 'Ed25519', ['EdDSA']],
  ] as const)('%s token, %s key, %s → %j', (alg, kty, crv, expected) => {
    expect(outcomes.serverAlgorithms(alg, kty, crv)).toEqual(expected);
  });
});
