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
import { generateKey } from '../keys/generate';
import { selfSignedCertificate } from './certificate';

/** A generated example: the token and the text for the key box. */
export interface Example {
  token: string;
  key: string;
  /** What to notice, in one sentence. */
  note: string;
  /** The payload of a detached JWS, for the detached payload field. */
  detachedPayload?: string;
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

/** Sign claims (an object) or a text payload (a string) with `key`. */
export async function sign(header: object, payload: object | string, key: string): Promise<string> {
  const text = typeof payload === 'string';
  const input = prepareSigningInput(
    JSON.stringify(header),
    text ? payload : JSON.stringify(payload),
    { form: text ? 'text' : 'claims' },
  );
  if (!input.ok) throw input.error;
  const algorithm = jwsAlgorithm(input.value.alg);
  if (!algorithm) return `${input.value.tokenPrefix}.`;
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
    case 'es256k': {
      // WebCrypto has no secp256k1: the key is made (and the token signed) with @noble/curves.
      const made = await generateKey('ES256K');
      if (!made.ok) throw made.error;
      const key = made.value.text;
      return {
        token: await sign(
          { alg: 'ES256K', typ: 'JWT' },
          { ...claims, iss: 'did:plc:example' },
          key,
        ),
        key,
        note: 'ES256K (RFC 8812, secp256k1, as AT Protocol uses): no browser’s WebCrypto has this curve, so the page checks it with @noble/curves, loaded when such a token appears.',
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
    case 'text-payload': {
      const key = randomSecret(32);
      return {
        token: await sign({ alg: 'HS256' }, 'It’s a dangerous business, going out your door.', key),
        key,
        note: 'A JWS whose payload is text, not JWT claims (RFC 7515 allows any payload): the signature is checked, and there are no claims. Edit the text to re-sign it.',
      };
    }
    case 'b64-false': {
      const key = randomSecret(32);
      const payload = 'Transfer 12.50 EUR to account 42';
      return {
        token: await sign({ alg: 'HS256', b64: false, crit: ['b64'] }, payload, key),
        key,
        detachedPayload: payload,
        note: 'RFC 7797: "b64": false signs the payload as it stands, and its "." keeps it out of the compact token (header..signature). Change the detached payload and the signature no longer matches.',
      };
    }
    case 'firebase-key-map':
      return firebaseKeyMap(now);
    case 'json-general': {
      const ec = await pair('ES256');
      const rsa = await pair('RS256');
      // Private keys in the key box, so that an edit is signed again (the page shows their public JWKS).
      const jwks = {
        keys: [
          { ...(await exportJWK(ec.privateKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' },
          { ...(await exportJWK(rsa.privateKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
        ],
      };
      const { signJwsJson } = await import('../jws/json-sign');
      const signed = await signJwsJson({
        payload: new TextEncoder().encode(JSON.stringify(claims)),
        form: 'json-general',
        secretEncoding: 'utf8',
        resolver: new KeyResolver(),
        signers: [
          {
            protectedHeader: { alg: 'ES256', kid: 'ec-1' },
            keyText: await exportPKCS8(ec.privateKey),
          },
          {
            protectedHeader: { alg: 'RS256' },
            unprotectedHeader: { kid: 'rsa-1' },
            keyText: await exportPKCS8(rsa.privateKey),
          },
        ],
      });
      if (!signed.ok) throw signed.error;
      return {
        token: signed.value,
        key: JSON.stringify(jwks, null, 2),
        note: 'A general JSON serialization (RFC 7515 §7.2.1): one payload, two signatures (ES256 and RS256), each with its verdict; the JWKS (private keys, for re-signing an edit) verifies both. The second signature’s kid sits in its unprotected header, which nothing signs.',
      };
    }
    default:
      throw new TypeError(`unknown example ${id}`);
  }
}

/**
 * A Firebase ID token and the key map Google publishes for it
 * ({kid: certificate PEM}, at securetoken@system.gserviceaccount.com): two
 * certificates, the token signed with the second, so only matching by kid
 * picks the right one.
 */
async function firebaseKeyMap(now: number): Promise<Example> {
  const project = 'jwt-lab-demo';
  const map: Record<string, string> = {};
  let signing = { key: '', kid: '' };
  for (const n of [1, 2]) {
    const keys = (await pair('RS256')) as CryptoKeyPair;
    const kid = encodePart(crypto.getRandomValues(new Uint8Array(20)));
    map[kid] = await selfSignedCertificate(keys, 'securetoken.system.gserviceaccount.com', now);
    if (n === 2) signing = { key: await exportPKCS8(keys.privateKey), kid };
  }
  const payload = {
    iss: `https://securetoken.google.com/${project}`,
    aud: project,
    auth_time: now - 60,
    user_id: 'kF3fXb2sQ9',
    sub: 'kF3fXb2sQ9',
    iat: now,
    exp: now + 3600,
    email: 'grace@example.org',
    email_verified: true,
    firebase: { identities: { email: ['grace@example.org'] }, sign_in_provider: 'password' },
  };
  return {
    token: await sign({ alg: 'RS256', kid: signing.kid, typ: 'JWT' }, payload, signing.key),
    key: JSON.stringify(map, null, 2),
    note: 'A key map as Google publishes it for Firebase, {kid: certificate}: the token’s kid picks the certificate that verifies it.',
  };
}
