/**
 * DPoP proofs (RFC 9449): the RFC's own example proofs check as the RFC says
 * (signature with the proof's key, htm/htu, ath, the key's thumbprint), and
 * each failing check has its code and message.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { decodeToken, type DecodedJws } from '../../../src/lib/jws/decode';
import { KeyResolver } from '../../../src/lib/keys/resolve';
import {
  buildDpopProof,
  comparableUri,
  dpopFacts,
  judgeDpop,
  type DpopExpectations,
} from '../../../src/lib/profiles';

const rfc = JSON.parse(
  readFileSync(new URL('../../vectors/profiles/rfc9449.json', import.meta.url), 'utf8'),
) as {
  jkt: { value: string };
  proofs: {
    name: string;
    proof: string;
    method: string;
    url: string;
    iat: number;
    accessToken?: string;
    ath?: string;
  }[];
};

const jws = (text: string): DecodedJws => {
  const decoded = decodeToken(text);
  if (!decoded.ok || decoded.value.kind !== 'jws') throw new TypeError(`not a JWS: ${text}`);
  return decoded.value;
};
const expectations = (over: Partial<DpopExpectations> = {}): DpopExpectations => ({
  method: '',
  url: '',
  accessToken: '',
  nonce: '',
  now: 0,
  leeway: 0,
  ...over,
});

/** Check a proof the way the pipeline does: the crypto, then the judging. */
async function check(proof: string, expect: DpopExpectations) {
  const token = jws(proof);
  return judgeDpop(token, await dpopFacts(token, expect.accessToken, new KeyResolver()), expect);
}
const failedCodes = (v: Awaited<ReturnType<typeof check>>) => v.failed.map((c) => c.error?.code);

describe("RFC 9449's example proofs", () => {
  it.each(rfc.proofs)('$name is valid for its request', async (c) => {
    const verdict = await check(
      c.proof,
      expectations({
        method: c.method,
        url: c.url,
        accessToken: c.accessToken ?? '',
        now: c.iat + 5,
      }),
    );
    expect(verdict.failed).toEqual([]);
    expect(verdict.status).toBe('valid');
    expect(verdict.checks.find((x) => x.id === 'signature')?.status).toBe('ok');
    if (c.ath) expect(verdict.checks.find((x) => x.id === 'ath')?.status).toBe('ok');
  });

  it("takes the key's RFC 7638 thumbprint the RFC binds tokens to (Figure 11's cnf.jkt)", async () => {
    const facts = await dpopFacts(jws(rfc.proofs[0]!.proof), '', new KeyResolver());
    expect(facts.thumbprint).toBe(rfc.jkt.value);
  });

  it("hashes the RFC's access token to Figure 14's ath", async () => {
    const c = rfc.proofs[2]!;
    const facts = await dpopFacts(jws(c.proof), c.accessToken!, new KeyResolver());
    expect(facts.ath).toBe(c.ath);
  });

  it('fails a proof whose signature was tampered with', async () => {
    const proof = rfc.proofs[0]!.proof;
    const tampered = proof.slice(0, -4) + (proof.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const verdict = await check(tampered, expectations({ now: rfc.proofs[0]!.iat }));
    expect(failedCodes(verdict)).toEqual(['ERR_DPOP_SIGNATURE']);
    expect(verdict.failed[0]!.message).toMatch(/does not verify with the proof's own "jwk"/);
  });
});

describe('each failed check, its code and message', () => {
  const c = rfc.proofs[2]!;
  const base = { method: c.method, url: c.url, accessToken: c.accessToken!, now: c.iat };
  it.each([
    [
      'htm',
      { method: 'POST' },
      'ERR_DPOP_HTM',
      /"htm" is "GET" but the request's method is "POST"/,
    ],
    ['htm case', { method: 'get' }, 'ERR_DPOP_HTM', /HTTP methods are case-sensitive/],
    [
      'htu',
      { url: 'https://resource.example.org/other' },
      'ERR_DPOP_HTU',
      /"htu" is https:\/\/resource.example.org\/protectedresource but the request's URL is https:\/\/resource.example.org\/other/,
    ],
    ['htu not a URL', { url: 'resource.example.org' }, 'ERR_DPOP_HTU', /is not an absolute URL/],
    [
      'iat stale',
      { now: c.iat + 301 },
      'ERR_DPOP_IAT_STALE',
      /"iat" is 5 min before the judged moment; a DPoP proof is accepted within 5 min of it/,
    ],
    [
      'iat future',
      { now: c.iat - 400 },
      'ERR_DPOP_IAT_STALE',
      /after the judged moment \(in the future\)/,
    ],
    [
      'nonce',
      { nonce: 'server-nonce' },
      'ERR_DPOP_NONCE',
      /The server's nonce is "server-nonce" but the proof has none/,
    ],
    [
      'ath',
      { accessToken: 'another-token' },
      'ERR_DPOP_ATH',
      /the proof was made for another access token/,
    ],
  ] as const)('%s', async (_, over, code, message) => {
    const verdict = await check(c.proof, expectations({ ...base, ...over }));
    expect(failedCodes(verdict)).toEqual([code]);
    expect(verdict.failed[0]!.message).toMatch(message);
    expect(verdict.status).toBe('invalid');
  });

  it('compares htu per RFC 9449 §4.3: without query or fragment, scheme and host without case, default port dropped', async () => {
    for (const url of [
      'HTTPS://Resource.Example.ORG/protectedresource?x=1#top',
      'https://resource.example.org:443/protectedresource',
    ]) {
      const verdict = await check(c.proof, expectations({ ...base, url }));
      expect(verdict.failed, url).toEqual([]);
    }
    // The path is case-sensitive.
    const verdict = await check(
      c.proof,
      expectations({ ...base, url: 'https://resource.example.org/ProtectedResource' }),
    );
    expect(failedCodes(verdict)).toEqual(['ERR_DPOP_HTU']);
  });

  it('a proof without ath, presented with an access token, fails ath', async () => {
    const first = rfc.proofs[0]!;
    const verdict = await check(
      first.proof,
      expectations({ now: first.iat, accessToken: 'Kz~8mXK1EalYznwH' }),
    );
    expect(failedCodes(verdict)).toEqual(['ERR_DPOP_ATH']);
    expect(verdict.failed[0]!.message).toMatch(/has no "ath"/);
  });

  it('skips what the person gave nothing to check against', async () => {
    const verdict = await check(c.proof, expectations({ now: c.iat }));
    const status = Object.fromEntries(verdict.checks.map((x) => [x.id, x.status]));
    expect(status).toMatchObject({
      htm: 'skipped',
      htu: 'skipped',
      nonce: 'skipped',
      ath: 'skipped',
      jkt: 'skipped',
    });
    expect(verdict.status).toBe('valid');
  });

  it('is checking until the crypto answers', () => {
    const verdict = judgeDpop(jws(c.proof), undefined, expectations({ ...base }));
    expect(verdict.status).toBe('checking');
  });
});

/** A proof signed here, with claims and header of the test's choosing. */
async function signed(
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
  alg = 'ES256',
) {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = await exportJWK(publicKey);
  const proof = await new SignJWT(claims)
    .setProtectedHeader({ typ: 'dpop+jwt', alg, jwk, ...header })
    .sign(privateKey);
  return { proof, jwk, privateJwk: await exportJWK(privateKey) };
}
const CLAIMS = { jti: 'j-1', htm: 'GET', htu: 'https://api.example/r', iat: 1000 };

describe('proofs signed here', () => {
  it('a private jwk fails ERR_DPOP_PRIVATE_JWK and still verifies with its public half', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const priv = await exportJWK(privateKey);
    const proof = await new SignJWT(CLAIMS)
      .setProtectedHeader({ typ: 'dpop+jwt', alg: 'ES256', jwk: priv as never })
      .sign(privateKey);
    const verdict = await check(proof, expectations({ now: 1000 }));
    expect(failedCodes(verdict)).toEqual(['ERR_DPOP_PRIVATE_JWK']);
    expect(verdict.failed[0]!.message).toMatch(/holds private members \(d\)/);
  });

  it('a symmetric alg fails ERR_DPOP_ALG', async () => {
    const secret = new Uint8Array(32);
    const proof = await new SignJWT(CLAIMS)
      .setProtectedHeader({
        typ: 'dpop+jwt',
        alg: 'HS256',
        jwk: { kty: 'oct', k: 'AAAA' } as never,
      })
      .sign(secret);
    const verdict = await check(proof, expectations({ now: 1000 }));
    expect(failedCodes(verdict)).toContain('ERR_DPOP_ALG');
    expect(verdict.failed.find((x) => x.id === 'alg')!.message).toMatch(/never "none" or a MAC/);
  });

  it('no jwk fails ERR_DPOP_JWK', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const proof = await new SignJWT(CLAIMS)
      .setProtectedHeader({ typ: 'dpop+jwt', alg: 'ES256' })
      .sign(privateKey);
    const verdict = await check(proof, expectations({ now: 1000 }));
    expect(failedCodes(verdict)).toEqual(['ERR_DPOP_JWK', 'ERR_DPOP_SIGNATURE']);
  });

  it.each(['jti', 'htm', 'htu', 'iat'])(
    'a missing %s fails ERR_DPOP_CLAIM_MISSING',
    async (claim) => {
      const { [claim]: _, ...rest } = CLAIMS as Record<string, unknown>;
      const { proof } = await signed({}, rest);
      const verdict = await check(proof, expectations({ now: 1000 }));
      expect(failedCodes(verdict)).toEqual(['ERR_DPOP_CLAIM_MISSING']);
      expect(verdict.failed[0]!.message).toBe(
        `The proof has no "${claim}" claim, which RFC 9449 §4.2 requires.`,
      );
    },
  );

  it("checks the key against the access token's cnf.jkt", async () => {
    const built = await buildDpopProof({
      method: 'GET',
      url: 'https://api.example/r',
      accessToken: '',
      now: 1000,
    });
    if (!built.ok) throw built.error;
    const accessToken = async (jwk: JWK) => {
      const { calculateJwkThumbprint } = await import('jose');
      const { privateKey } = await generateKeyPair('RS256');
      return new SignJWT({ sub: 'u', cnf: { jkt: await calculateJwkThumbprint(jwk) } })
        .setProtectedHeader({ alg: 'RS256' })
        .sign(privateKey);
    };
    const bound = await accessToken(built.value.publicJwk);
    const rebuilt = await buildDpopProof({
      method: 'GET',
      url: 'https://api.example/r',
      accessToken: bound,
      now: 1000,
    });
    if (!rebuilt.ok) throw rebuilt.error;
    // A new key each time: the second proof's key is not the one the token is bound to …
    const wrongKey = await check(
      rebuilt.value.proof,
      expectations({ now: 1000, accessToken: bound }),
    );
    expect(failedCodes(wrongKey)).toEqual(['ERR_DPOP_JKT']);
    expect(wrongKey.failed[0]!.message).toMatch(/the token was not issued to this key/);
    // … a token bound to the proof's own key passes.
    const own = await accessToken(rebuilt.value.publicJwk);
    const proofForOwn = await new SignJWT({
      ...CLAIMS,
      ath: (await dpopFacts(jws(rebuilt.value.proof), own, new KeyResolver())).ath,
    })
      .setProtectedHeader({ typ: 'dpop+jwt', alg: 'ES256', jwk: rebuilt.value.publicJwk })
      .sign(await (await import('jose')).importJWK(rebuilt.value.privateJwk, 'ES256'));
    const right = await check(proofForOwn, expectations({ now: 1000, accessToken: own }));
    expect(right.failed).toEqual([]);
    expect(right.checks.find((x) => x.id === 'jkt')?.status).toBe('ok');
  });
});

describe('buildDpopProof', () => {
  it('makes a proof that checks against its method, URL and access token', async () => {
    const request = {
      method: 'POST',
      url: 'https://api.example/items?page=2#x',
      accessToken: 'Bearer at-123',
      now: 2000,
    };
    const built = await buildDpopProof(request);
    if (!built.ok) throw built.error;
    const token = jws(built.value.proof);
    expect(token.header).toMatchObject({ typ: 'dpop+jwt', alg: 'ES256' });
    expect(token.header.jwk).not.toHaveProperty('d');
    expect(token.payload).toMatchObject({
      htm: 'POST',
      htu: 'https://api.example/items',
      iat: 2000,
    });
    const verdict = await check(
      built.value.proof,
      expectations({ ...request, accessToken: 'at-123' }),
    );
    expect(verdict.failed).toEqual([]);
    expect(verdict.checks.filter((x) => x.status === 'ok').map((x) => x.id)).toEqual(
      expect.arrayContaining(['signature', 'htm', 'htu', 'ath']),
    );
  });

  it('refuses a request without a method or with a relative URL', async () => {
    const noMethod = await buildDpopProof({
      method: ' ',
      url: 'https://a.example/',
      accessToken: '',
      now: 1,
    });
    expect(noMethod.ok || noMethod.error.code).toBe('ERR_DPOP_HTM');
    const relative = await buildDpopProof({ method: 'GET', url: '/path', accessToken: '', now: 1 });
    expect(relative.ok || relative.error.code).toBe('ERR_DPOP_HTU');
  });

  it('comparableUri drops query and fragment', () => {
    expect(comparableUri('https://EXAMPLE.com:443/a/../b?q#f')).toEqual({
      ok: true,
      value: 'https://example.com/b',
    });
  });
});
