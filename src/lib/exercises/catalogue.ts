/**
 * The exercises: the eight themes of the PortSwigger Web Security Academy's
 * JWT labs, each a server that makes one mistake on purpose. The goal of
 * each: a token the server accepts with "sub": "administrator".
 */
import { naiveKidLookup } from '../lessons/naive-verifier';
import { ADMIN, hmacServer, rsaServer, rsaServerE3, SERVER_KID, WEAK_SECRET } from './servers';
import type { Exercise, ExerciseVerdict } from './types';
import { hmacAccepts, pageAccepts, parseToken, unreadable } from './verifiers';

const encoder = new TextEncoder();
const GOAL = `Get accepted as "${ADMIN}": send a token the server accepts with "sub": "${ADMIN}".`;
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Algorithm confusion: an HS* token is checked with the public key PEM as the secret. */
async function confusedVerifier(token: string, serverKey: string): Promise<ExerciseVerdict> {
  const parsed = parseToken(token);
  if (!parsed) return unreadable;
  if (String(parsed.header.alg).startsWith('HS'))
    return hmacAccepts(parsed, encoder.encode(serverKey), 'its public key PEM as the HMAC secret');
  return pageAccepts(token, serverKey);
}

/** Every exercise, in the order the page lists them (`exercise-1` … `exercise-8`). */
export const EXERCISES: readonly Exercise[] = [
  {
    n: 1,
    id: 'unverified-signature',
    title: 'Unverified signature',
    theme: 'JWT authentication bypass via unverified signature',
    flaw: 'The server decodes the token and reads its claims, but never checks the signature (it called decode where it meant verify).',
    goal: GOAL,
    hints: [
      'The signature is never looked at: whatever the claims say is believed.',
      'Edit the payload in the page: change "sub" to "administrator". With no private key in the key editor, the page keeps the old signature.',
      'Send the edited token. The old signature no longer matches, which only a server that checks it would notice.',
    ],
    setup: (now) => rsaServer(now),
    async flawed(token) {
      return parseToken(token)
        ? { accepted: true, reason: 'it decoded the claims and never checked the signature' }
        : unreadable;
    },
  },
  {
    n: 2,
    id: 'flawed-verification',
    title: 'Flawed signature verification',
    theme: 'JWT authentication bypass via flawed signature verification',
    flaw: 'The server verifies RS256 signatures correctly, but takes the algorithm from the token\u2019s header and accepts "alg": "none" as "nothing to check".',
    goal: GOAL,
    hints: [
      'Which algorithm is used is decided by the token itself.',
      'An unsigned JWT has "alg": "none" and an empty signature part.',
      'Edit the header to "alg": "none" and the payload\u2019s "sub" to "administrator"; the page writes the token unsigned. Or use the attack workbench\u2019s alg-none variant of your edited token.',
    ],
    setup: (now) => rsaServer(now),
    async flawed(token, world) {
      const parsed = parseToken(token);
      if (!parsed) return unreadable;
      if (String(parsed.header.alg).toLowerCase() === 'none')
        return {
          accepted: true,
          reason: `it trusted "alg": "${String(parsed.header.alg)}" and checked nothing`,
        };
      return pageAccepts(token, world.serverKey);
    },
  },
  {
    n: 3,
    id: 'weak-key',
    title: 'Weak signing key',
    theme: 'JWT authentication bypass via weak signing key',
    flaw: 'The server verifies HS256 correctly, but its secret is a word from every wordlist.',
    goal: GOAL,
    hints: [
      'An HMAC secret that a person chose can be guessed offline: the token is all a cracker needs.',
      'Open "Crack an HMAC secret from a wordlist" in the Key panel and run it on your token: the bundled list of weak secrets is enough.',
      'The secret found goes in the key editor: now edit "sub" to "administrator" and the page signs it with that secret.',
    ],
    setup: (now) => hmacServer(now, WEAK_SECRET),
    async flawed(token, world) {
      return parseToken(token) ? pageAccepts(token, world.serverKey) : unreadable;
    },
  },
  {
    n: 4,
    id: 'jwk-injection',
    title: 'jwk header injection',
    theme: 'JWT authentication bypass via jwk header injection',
    flaw: 'When the header carries a key ("jwk"), the server verifies with that key, whoever made it.',
    goal: GOAL,
    hints: [
      'RFC 7515 lets a header carry a public key; a server must never trust one it did not choose.',
      'Make your own RSA key, put its public JWK in the header and sign with its private half.',
      'Edit "sub" to "administrator" first, then the attack workbench\u2019s embedded-jwk variant does the rest: use it in the token editor and send it.',
    ],
    setup: (now) => rsaServer(now),
    async flawed(token, world) {
      const parsed = parseToken(token);
      if (!parsed) return unreadable;
      if (isObject(parsed.header.jwk)) {
        const verdict = await pageAccepts(token, JSON.stringify(parsed.header.jwk));
        return {
          accepted: verdict.accepted,
          reason: verdict.accepted
            ? 'it verified with the key the token carried in its own "jwk" header'
            : `the embedded jwk did not verify it: ${verdict.reason}`,
        };
      }
      return pageAccepts(token, world.serverKey);
    },
  },
  {
    n: 5,
    id: 'jku-injection',
    title: 'jku header injection',
    theme: 'JWT authentication bypass via jku header injection',
    flaw: 'When the header names a key set URL ("jku"), the server fetches it from anywhere and verifies with the key it finds there (here the "internet" is the simulated host below: nothing leaves the page).',
    goal: GOAL,
    hints: [
      'The server will fetch a JWKS from any URL you put in "jku".',
      'Give the attack workbench an attacker URL on the simulated host (https://exploit.example/jwks.json) after editing "sub" to "administrator"; its jku variant is signed with a fresh key and offers the JWKS to host.',
      'Download the variant\u2019s JWKS, publish it on the simulated host at that URL, then use the jku variant and send it.',
    ],
    setup: (now) => rsaServer(now),
    async flawed(token, world, host) {
      const parsed = parseToken(token);
      if (!parsed) return unreadable;
      if (typeof parsed.header.jku === 'string') {
        const body = host.get(parsed.header.jku);
        if (body === undefined)
          return {
            accepted: false,
            reason: `it fetched ${parsed.header.jku}: nothing is published there (404)`,
          };
        const verdict = await pageAccepts(token, body);
        return {
          accepted: verdict.accepted,
          reason: verdict.accepted
            ? `it verified with a key from ${parsed.header.jku}, which the token named`
            : `the JWKS at ${parsed.header.jku} did not verify it: ${verdict.reason}`,
        };
      }
      return pageAccepts(token, world.serverKey);
    },
  },
  {
    n: 6,
    id: 'kid-path-traversal',
    title: 'kid header path traversal',
    theme: 'JWT authentication bypass via kid header path traversal',
    flaw: `The server reads its HMAC key from the file app/keys/<kid>, joining the token\u2019s "kid" to the path without checking it (its own key is "${SERVER_KID}").`,
    goal: GOAL,
    hints: [
      '"../" in the kid climbs out of app/keys/.',
      'A file whose content you know: /dev/null is empty on every Unix server.',
      'Edit "sub" to "administrator", then use the attack workbench\u2019s kid-dev-null variant: kid "../../../../../../../dev/null", signed with an empty secret.',
    ],
    setup: (now) => hmacServer(now, undefined, SERVER_KID),
    async flawed(token, world) {
      const parsed = parseToken(token);
      if (!parsed) return unreadable;
      if (typeof parsed.header.kid !== 'string')
        return { accepted: false, reason: 'it found no "kid" to read a key file by' };
      const found = naiveKidLookup(parsed.header.kid, { [SERVER_KID]: world.serverKey });
      if (found === undefined)
        return { accepted: false, reason: `no key file for kid "${parsed.header.kid}"` };
      return hmacAccepts(
        parsed,
        encoder.encode(found),
        `the file kid "${parsed.header.kid}" pointed at (${found === '' ? 'empty' : `${found.length} characters`})`,
      );
    },
  },
  {
    n: 7,
    id: 'algorithm-confusion',
    title: 'Algorithm confusion',
    theme: 'JWT authentication bypass via algorithm confusion',
    flaw: 'The server checks RS256 tokens with its public key, but takes the algorithm from the header: for HS256 it uses the same public key PEM file as the HMAC secret. It publishes that key as a JWKS.',
    goal: GOAL,
    hints: [
      'The public key is public: anything signed with it as an HMAC secret is something you can sign too.',
      'Paste the server\u2019s published JWKS in the attack workbench\u2019s public key box.',
      'Edit "sub" to "administrator", make the variants, and use the key-confusion one (HS256 keyed with the SPKI PEM and its final newline, as the server\u2019s file holds it).',
    ],
    setup: (now) => rsaServer(now, true),
    flawed: (token, world) => confusedVerifier(token, world.serverKey),
  },
  {
    n: 8,
    id: 'algorithm-confusion-no-key',
    title: 'Algorithm confusion with no exposed key',
    theme: 'JWT authentication bypass via algorithm confusion with no exposed key',
    flaw: 'As in algorithm confusion, the server uses its public key PEM as the HMAC secret for HS256, but it publishes no key. You have two of its tokens.',
    goal: GOAL,
    hints: [
      'Two RS256 signatures of one key give away its public key: n divides both s^e \u2212 m.',
      'In the attack workbench, "Recover it from two RS256 tokens" with your two tokens: the key found goes in the public key box.',
      'Edit "sub" to "administrator", make the variants, and use the key-confusion one.',
    ],
    setup: (now) => rsaServerE3(now),
    flawed: (token, world) => confusedVerifier(token, world.serverKey),
  },
];
