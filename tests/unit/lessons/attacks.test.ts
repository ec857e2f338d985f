import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import jwt from 'jsonwebtoken';
import { lessonById, lessonContext } from '../../../src/lib/lessons';
import { realVerdict } from '../../../src/lib/lessons/tokens';
import { naiveVerify } from '../../../src/lib/lessons/naive-verifier';
import { findFindings } from '../../../src/lib/findings';
import { decodeToken } from '../../../src/lib/jws/decode';

const findingIds = (token: string, keyText: string) => {
  const decoded = decodeToken(token);
  if (!decoded.ok) throw decoded.error;
  return findFindings({ decoded: decoded.value, keyText, now: NOW }).map((f) => f.id);
};

const NOW = 1_760_000_000;

async function stepOf(id: string, index: number) {
  const lesson = lessonById(id)!;
  const ctx = lessonContext(NOW);
  for (let i = 0; i < index; i++) await lesson.steps[i]!.setup(ctx);
  const step = lesson.steps[index]!;
  const state = await step.setup(ctx);
  const demo = step.demo ? await step.demo(ctx) : [];
  return { state, demo, ctx, lesson };
}

describe('attack lab', () => {
  it('alg none: the naive verifier accepts, the page says unsigned', async () => {
    const { state, demo } = await stepOf('alg-none', 1);
    expect(demo[0]!.text).toMatch(/^Naive verifier: ACCEPTED — it trusted "alg": "none"/);
    expect(demo[0]!.tone).toBe('accepted');
    expect(demo[1]!.text).toMatch(/^JWT Lab: refused \(unsigned\)/);
    expect((await realVerdict(state.token!, state.key!)).status).toBe('unsigned');
  });

  it('RS256 → HS256: the naive verifier accepts, key resolution refuses the public key', async () => {
    const { state, demo } = await stepOf('rs-hs-confusion', 1);
    expect(demo[0]!.text).toMatch(/^Naive verifier: ACCEPTED/);
    const real = await realVerdict(state.token!, state.key!);
    expect(real.status).toBe('key-error');
    expect(real.error?.code).toBe('ERR_KEY_PUBLIC_AS_SECRET');
    expect(real.message).toMatch(
      /^HS256 needs a shared secret, but this is an RSA key \(2048 bits\)\. Using public-key text as an HMAC secret is the algorithm-confusion attack/,
    );
    // node's own HMAC agrees the forgery is "valid" for anyone keyed with the PEM text.
    // node's own HMAC keyed with the PEM text computes the same signature…
    const [h, p, sig] = state.token!.split('.');
    expect(createHmac('sha256', state.key!).update(`${h}.${p}`).digest('base64url')).toBe(sig);
    // …and node-jsonwebtoken 9, a correct verifier, refuses the key as the page does.
    expect(() => jwt.verify(state.token!, state.key!, { algorithms: ['HS256'] })).toThrow(
      'secretOrPublicKey must be a symmetric key when using HS256',
    );
    expect(findingIds(state.token!, state.key!)).toContain('hmac-key-is-public-key');
  });

  it('embedded jwk: the naive verifier trusts the header key, the page says invalid', async () => {
    const { state, demo } = await stepOf('embedded-jwk', 0);
    expect(demo[0]!.text).toMatch(
      /^Naive verifier: ACCEPTED — it verified with the key the token carried/,
    );
    expect(findingIds(state.token!, state.key!)).toContain('embedded-jwk');
    expect((await realVerdict(state.token!, state.key!)).status).toBe('invalid');
  });

  it('kid injection: ../../dev/null gives an empty key to the naive lookup; the page says invalid', async () => {
    const { state, demo } = await stepOf('kid-injection', 0);
    expect(demo[0]!.text).toMatch(
      /^Naive verifier: ACCEPTED — .*kid "..\/..\/dev\/null" pointed at \(empty\)/,
    );
    const real = await realVerdict(state.token!, state.key!);
    expect(real.status).toBe('invalid');
    expect(real.keySource).toContain('no key has kid "../../dev/null"');
    expect(findingIds(state.token!, state.key!)).toContain('kid-suspicious');
  });

  it('psychic signature: 64 zero bytes, accepted naively, refused by WebCrypto, flagged', async () => {
    const { state, demo } = await stepOf('psychic-signature', 0);
    const signature = Buffer.from(state.token!.split('.')[2]!, 'base64url');
    expect([...signature]).toEqual(new Array(64).fill(0));
    expect(demo[0]!.text).toMatch(
      /^Naive verifier: ACCEPTED — it skipped the 0 < r, s < n range check/,
    );
    expect((await realVerdict(state.token!, state.key!)).status).toBe('invalid');
    expect(findingIds(state.token!, state.key!)).toContain('ecdsa-zero-signature');
  });

  it('duplicate claims: first-wins and last-wins parsers disagree; the signature is genuine', async () => {
    const { state, demo } = await stepOf('duplicate-claims', 0);
    expect(demo[0]!.text).toBe('First-wins parser (the gateway): role = "user"');
    expect(demo[1]!.text).toBe('Last-wins parser (the service): role = "admin"');
    expect((await realVerdict(state.token!, state.key!)).status).toBe('verified');
    // jsonwebtoken (JSON.parse underneath) agrees with the last-wins reading.
    const decoded = jwt.verify(state.token!, state.key!, {
      algorithms: ['HS256'],
      clockTimestamp: NOW,
    }) as {
      role: string;
    };
    expect(decoded.role).toBe('admin');
    expect(findingIds(state.token!, state.key!)).toContain('duplicate-member');
  });

  it('weak secret: the lesson token is really signed with "secret"', async () => {
    const { state } = await stepOf('weak-secret', 0);
    expect(() =>
      jwt.verify(state.token!, 'secret', { algorithms: ['HS256'], clockTimestamp: NOW }),
    ).not.toThrow();
    expect(state.key).toBe('');
  });

  it('the naive verifier refuses an honest mismatch (it is naive, not a rubber stamp)', async () => {
    const { state } = await stepOf('alg-none', 0);
    const verdict = await naiveVerify(state.token!, { key: 'not-the-secret' });
    expect(verdict).toEqual({ accepted: false, reason: 'the HMAC did not match' });
  });
});
