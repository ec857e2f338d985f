/**
 * The token profiles in the pipeline: a DPoP proof's checks and an ID token's
 * hash rows come out of `check` once the rules have loaded, with the crypto
 * from `verify`; a Graph token's "invalid" says why.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as profiles from '../../../src/lib/profiles';
import {
  Checker,
  NO_PROFILE_INPUT,
  type KeyInput,
  type Settings,
  type TokenInput,
} from '../../../src/lib';

const rfc = JSON.parse(
  readFileSync(new URL('../../vectors/profiles/rfc9449.json', import.meta.url), 'utf8'),
) as {
  proofs: { proof: string; method: string; url: string; iat: number; accessToken?: string }[];
};
const sdJwt = JSON.parse(
  readFileSync(new URL('../../vectors/sd-jwt/rfc9901.json', import.meta.url), 'utf8'),
) as { examples: { section: string; tokens: string[] }[] };
const core = JSON.parse(
  readFileSync(new URL('../../vectors/profiles/oidc-core.json', import.meta.url), 'utf8'),
) as { idTokens: { idToken: string; accessToken?: string }[] };

const settings = (over: Partial<Settings> = {}): Settings => ({
  now: 1_562_262_620,
  leeway: 0,
  expectedIssuer: '',
  expectedAudience: '',
  requiredClaims: [],
  timeTravel: false,
  ...over,
});
const noKey: KeyInput = { text: '', encoding: 'utf8', innerText: '', from: 'person' };

async function settle(checker: Checker, input: TokenInput, s = settings()) {
  const first = checker.check(input, s, noKey, { profiles });
  const verdicts = await checker.verify(first, noKey);
  return { first, report: checker.check(input, s, noKey, { profiles }, verdicts) };
}

describe('profiles in the pipeline', () => {
  const c = rfc.proofs[2]!;
  const input = (over: Partial<typeof NO_PROFILE_INPUT> = {}): TokenInput => ({
    text: c.proof,
    from: 'person',
    profile: {
      ...NO_PROFILE_INPUT,
      dpopMethod: c.method,
      dpopUrl: c.url,
      dpopAccessToken: c.accessToken!,
      ...over,
    },
  });

  it('asks for the rules until they are loaded', () => {
    const report = new Checker().check(input(), settings(), noKey);
    expect(report.wantsProfiles).toBe(true);
    expect(report.profile).toBeUndefined();
  });

  it('checks a DPoP proof with its own key, without a key in the key box', async () => {
    const { first, report } = await settle(new Checker(), input());
    expect(first.profile).toMatchObject({ kind: 'dpop', checking: true });
    expect(report.profile?.dpop?.status).toBe('valid');
    expect(report.profile?.checking).toBe(false);
  });

  it('a changed access token is a new verify step, and fails ath', async () => {
    const checker = new Checker();
    await settle(checker, input());
    const { report } = await settle(checker, input({ dpopAccessToken: 'other' }));
    expect(report.profile?.dpop?.failed.map((f) => f.error?.code)).toEqual(['ERR_DPOP_ATH']);
  });

  it('the expected nonce is checked in the proof', async () => {
    const { report } = await settle(new Checker(), input(), settings({ expectedNonce: 'n-1' }));
    expect(report.profile?.dpop?.failed.map((f) => f.error?.code)).toEqual(['ERR_DPOP_NONCE']);
  });

  it("an ID token's at_hash joins the claims table", async () => {
    const t = core.idTokens[0]!;
    const text = { text: t.idToken, from: 'person' as const };
    const at = settings({ now: 1_311_281_000 });
    const ok = await settle(
      new Checker(),
      { ...text, profile: { ...NO_PROFILE_INPUT, oidcAccessToken: t.accessToken! } },
      at,
    );
    expect(ok.report.claims?.verdicts.find((v) => v.name === 'at_hash')?.status).toBe('ok');
    const wrong = await settle(
      new Checker(),
      { ...text, profile: { ...NO_PROFILE_INPUT, oidcAccessToken: 'x' } },
      at,
    );
    const row = wrong.report.claims?.verdicts.find((v) => v.name === 'at_hash');
    expect(row?.status).toBe('fail');
    expect(wrong.report.claims?.valid).toBe(false);
    const nonce = await settle(
      new Checker(),
      text,
      settings({ now: 1_311_281_000, expectedNonce: 'other' }),
    );
    expect(nonce.report.claims?.verdicts.find((v) => v.name === 'nonce')?.status).toBe('fail');
  });

  it("an SD-JWT's expected nonce is its key-binding JWT's: no ID token rules, no claim-nonce row", async () => {
    const presentation = sdJwt.examples.find((e) => e.section === '5.2')!.tokens[0]!;
    const text = { text: presentation, from: 'person' as const };
    const { report } = await settle(new Checker(), text, settings({ expectedNonce: 'other' }));
    expect(report.view?.form).toBe('sd-jwt-kb');
    expect(report.profile).toBeUndefined();
    expect(report.claims!.verdicts.map((r) => r.name)).not.toContain('nonce');
  });

  it('a Graph token (nonce in the header) that fails says only Graph can validate it', async () => {
    const t = core.idTokens[0]!;
    const [h, p, s] = t.idToken.split('.');
    const header = Buffer.from(JSON.stringify({ alg: 'RS256', nonce: 'AQAB' })).toString(
      'base64url',
    );
    void h;
    const key = readFileSync(new URL('../../vectors/keys/rsa-cert.pem', import.meta.url), 'utf8');
    const keys: KeyInput = { text: key, encoding: 'utf8', innerText: '', from: 'person' };
    const checker = new Checker();
    const tokenInput = { text: `${header}.${p}.${s}`, from: 'person' as const };
    const first = checker.check(tokenInput, settings(), keys, { profiles });
    const verdicts = await checker.verify(first, keys);
    const report = checker.check(tokenInput, settings(), keys, { profiles }, verdicts);
    expect(report.signature.status).toBe('invalid');
    expect(report.signature.message).toMatch(
      /Microsoft Graph access token .*only Graph can validate it/,
    );
  });
});
