/**
 * Ready tokens with their keys, for demos and for trying the tool without a
 * token of one's own. Keys are generated on the spot (never shipped), so
 * every example is fresh and clearly an example. Loaded on demand: the menu's
 * list is in `example-list.ts`, so the first screen does not carry this.
 */
import { exportJWK, exportPKCS8, generateKeyPair } from 'jose';
import { jwsAlgorithm } from '../jws/algorithms';
import { encodePart } from '../jws/base64url';
import { KeyResolver } from '../keys/resolve';
import { prepareSigningInput, signWith } from '../jws/sign';
import { containerExample } from './containers';

/** A generated example: the token and the text for the key box. */
export interface Example {
  token: string;
  key: string;
  /** What to notice, in one sentence. */
  note: string;
}

const randomSecret = (bytes: number) => encodePart(crypto.getRandomValues(new Uint8Array(bytes)));

const ALG_OF: Record<string, string> = {
  rs256: 'RS256',
  ps256: 'PS256',
  es256: 'ES256',
  es384: 'ES384',
  es512: 'ES512',
  eddsa: 'EdDSA',
  'ml-dsa-65': 'ML-DSA-65',
};

/** Sign `payload` under `header` with the key text given (as the key box reads it). */
export async function sign(header: object, payload: object, key: string): Promise<string> {
  const input = prepareSigningInput(JSON.stringify(header), JSON.stringify(payload));
  if (!input.ok) throw input.error;
  const algorithm = jwsAlgorithm(input.value.alg);
  if (!algorithm) return `${input.value.signingInput}.`;
  const selection = await new KeyResolver().resolve(key, algorithm, 'sign', {
    secretEncoding: 'utf8',
    kid: (header as { kid?: string }).kid,
  });
  const token = await signWith(input.value, algorithm, selection);
  if (!token.ok) throw token.error;
  return token.value;
}

/** A fresh key pair for `alg`, extractable (the key box shows it). */
export function pair(alg: string): ReturnType<typeof generateKeyPair> {
  return generateKeyPair(alg, {
    extractable: true,
    ...(alg.startsWith('RS') || alg.startsWith('PS') ? { modulusLength: 2048 } : {}),
  });
}

/** Make the example `id` at `now` (seconds). */
export async function makeExample(id: string, now: number): Promise<Example> {
  const claims = {
    sub: 'user-42',
    name: 'Grace Hopper',
    iss: 'https://issuer.example',
    aud: 'jwt-lab',
    iat: now,
    exp: now + 3600,
  };
  const alg = ALG_OF[id];
  if (alg) {
    const { privateKey } = await pair(alg);
    const key = await exportPKCS8(privateKey);
    return {
      token: await sign({ alg, typ: 'JWT' }, claims, key),
      key,
      note: `A fresh ${alg} key pair; the key box holds the private key (PKCS#8), so edits re-sign.`,
    };
  }
  switch (id) {
    case 'hs256': {
      const key = randomSecret(32);
      return {
        token: await sign({ alg: 'HS256', typ: 'JWT' }, claims, key),
        key,
        note: 'A random 256-bit secret, written as text.',
      };
    }
    case 'expired': {
      const key = randomSecret(32);
      const payload = { ...claims, iat: now - 7200, exp: now - 300 };
      return {
        token: await sign({ alg: 'HS256', typ: 'JWT' }, payload, key),
        key,
        note: 'Expired 5 minutes ago: try a leeway of 600 seconds.',
      };
    }
    case 'not-yet-valid': {
      const key = randomSecret(32);
      const payload = { ...claims, nbf: now + 600, exp: now + 4200 };
      return {
        token: await sign({ alg: 'HS256', typ: 'JWT' }, payload, key),
        key,
        note: 'Valid only from 10 minutes from now ("nbf").',
      };
    }
    case 'alg-none': {
      const header = encodePart(JSON.stringify({ alg: 'none', typ: 'JWT' }));
      const body = encodePart(JSON.stringify({ ...claims, admin: true }));
      return {
        token: `${header}.${body}.`,
        key: '',
        note: 'No signature at all: anyone can write this token, and a server must refuse it.',
      };
    }
    case 'id-token': {
      const { privateKey } = await pair('RS256');
      const key = await exportPKCS8(privateKey);
      const payload = {
        iss: 'https://accounts.example',
        sub: '248289761001',
        aud: 's6BhdRkqt3',
        azp: 's6BhdRkqt3',
        nonce: 'n-0S6_WzA2Mj',
        auth_time: now - 60,
        iat: now,
        exp: now + 600,
        email: 'jane@example.org',
        email_verified: true,
        name: 'Jane Doe',
      };
      return {
        token: await sign({ alg: 'RS256', typ: 'JWT', kid: 'accounts-1' }, payload, key),
        key,
        note: 'An ID token: the client must check nonce, aud and azp, not only the signature.',
      };
    }
    case 'jwks-rotation': {
      const keys = [];
      let signingKey = '';
      for (const kid of ['2025-rotated-out', '2026-current']) {
        const { privateKey, publicKey } = await pair('RS256');
        keys.push({ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' });
        if (kid === '2026-current') signingKey = await exportPKCS8(privateKey);
      }
      const token = await sign(
        { alg: 'RS256', typ: 'JWT', kid: '2026-current' },
        claims,
        signingKey,
      );
      return {
        token,
        key: JSON.stringify({ keys }, null, 2),
        note: 'A JWKS with two keys: the token’s kid picks the current one.',
      };
    }
    case 'token-response':
    case 'har-request':
      return containerExample(id, now, claims);
    default:
      throw new TypeError(`unknown example ${id}`);
  }
}
