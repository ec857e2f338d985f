/**
 * The servers the exercises attack: their keys and the tokens they issue to
 * the learner (`wiener`), made on the spot with jose and WebCrypto.
 */
import { exportPKCS8, exportSPKI } from 'jose';
import { makeKeyPair, randomSecret, signToken } from '../lessons/tokens';
import type { ExerciseWorld } from './types';

/** The learner's own user, and the one the goal asks to become. */
export const LEARNER = 'wiener';
export const ADMIN = 'administrator';
/** The server's weak HMAC secret: in the bundled wordlist, as PortSwigger's lab has it. */
export const WEAK_SECRET = 'secret1';
/** The key id the servers sign with. */
export const SERVER_KID = 'server-1';

const claims = (now: number, sub = LEARNER) => ({ sub, iat: now, exp: now + 3600 });

// A PEM file on a server's disk ends with a newline: the text it would HMAC with.
const pemFile = (pem: string) => `${pem.trimEnd()}\n`;

/** An RS256 server (e = 65537): the learner gets one token, the server holds the public key. */
export async function rsaServer(now: number, expose = false): Promise<ExerciseWorld> {
  const pair = await makeKeyPair('RS256');
  const header = { alg: 'RS256', typ: 'JWT', kid: SERVER_KID };
  const token = await signToken(header, claims(now), pair.privatePem);
  const world: ExerciseWorld = {
    token,
    serverKey: pemFile(pair.publicPem),
    correctKey: pair.publicPem,
  };
  if (expose)
    world.exposedKey = JSON.stringify(
      { keys: [{ ...pair.publicJwk, kid: SERVER_KID, alg: 'RS256', use: 'sig' }] },
      null,
      2,
    );
  return world;
}

/**
 * An RS256 server whose key has e = 3, and two tokens of it: recovering its
 * public key from them takes milliseconds in the page, where e = 65537 takes
 * a gcd of 134-million-bit numbers, a minute or more (attacks/recover-rsa.ts),
 * too long to wait for in an exercise.
 */
export async function rsaServerE3(now: number): Promise<ExerciseWorld> {
  const pair = (await crypto.subtle.generateKey(
    {
      name: 'RSASSA-PKCS1-v1_5',
      modulusLength: 2048,
      publicExponent: new Uint8Array([3]),
      hash: 'SHA-256',
    },
    true,
    ['sign', 'verify'],
  )) as CryptoKeyPair;
  const privatePem = await exportPKCS8(pair.privateKey);
  const publicPem = await exportSPKI(pair.publicKey);
  const header = { alg: 'RS256', typ: 'JWT', kid: SERVER_KID };
  return {
    token: await signToken(header, claims(now), privatePem),
    secondToken: await signToken(header, claims(now - 86_400), privatePem),
    serverKey: pemFile(publicPem),
    correctKey: publicPem,
  };
}

/** An HS256 server with `secret` (a strong random one unless given). */
export async function hmacServer(
  now: number,
  secret = randomSecret(),
  kid?: string,
): Promise<ExerciseWorld> {
  const header = { alg: 'HS256', typ: 'JWT', ...(kid ? { kid } : {}) };
  const token = await signToken(header, claims(now), secret);
  // Where the flaw is the weak secret, a correct server holds a strong one.
  const correctKey = secret === WEAK_SECRET ? randomSecret() : secret;
  return { token, serverKey: secret, correctKey };
}
