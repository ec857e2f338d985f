/**
 * Issuing an SD-JWT (RFC 9901 §4.2, §5.1): the claims the person marked are
 * taken out of the payload into disclosures, each replaced by its digest (in
 * `_sd` of its object, or as `{"...": digest}` in its array), nested marks
 * first so a disclosed object carries its own digests; decoy digests hide how
 * many claims there are; the issuer JWT is then signed through the page's
 * own signing path, with the key in the key box.
 */
import { fail, ok, type Result } from '../errors';
import { encodePart } from '../jws/base64url';
import { isNone, jwsAlgorithm } from '../jws/algorithms';
import { prepareSigningInput, signWith } from '../jws/sign';
import type { KeyResolver } from '../keys/resolve';
import type { SecretEncoding } from '../keys/secret';
import { digestOf, SD_HASH_NAMES } from './disclosure';
import { MAX_DISCLOSURES } from './split';

/** The hashes the page issues with: those a browser computes. */
export const ISSUE_HASHES = ['sha-256', 'sha-384', 'sha-512'] as const;
export type IssueHash = (typeof ISSUE_HASHES)[number];

/** The most decoys added to one SD-JWT: enough to hide a claim count, not a way to make huge tokens. */
export const MAX_DECOYS = 100;

/** Random bytes: `crypto.getRandomValues` in the page, a fixed source in tests. */
export type RandomBytes = (length: number) => Uint8Array;

const secureRandom: RandomBytes = (length) => crypto.getRandomValues(new Uint8Array(length));

/** What to make selectively disclosable, and how. */
export interface SdIssueRequest {
  /** The payload, as a parsed JSON object (without `_sd`, `_sd_alg` or `...`). */
  payload: Record<string, unknown>;
  /** Paths of what to disclose apart: `address`, `address.street_address`, `nationalities[1]`. */
  marks: Iterable<string>;
  /** How many decoy digests go into the top-level `_sd`. */
  decoys?: number;
  hash?: IssueHash;
  /** The holder's public JWK: it goes into `cnf` so the holder can bind presentations. */
  holderJwk?: Record<string, unknown>;
  random?: RandomBytes;
}

/** One disclosure the issuer made, in the token's order (parents before what they contain). */
export interface IssuedDisclosure {
  /** From 1, as the reader numbers it. */
  n: number;
  /** Where the claim is in the payload as written: the path that was marked. */
  path: string;
  text: string;
  digest: string;
  /** The disclosure whose value holds this one's digest; undefined at the payload's level. */
  parent?: number;
}

/** The payload with digests in place of the marked claims, and the disclosures. */
export interface PackedPayload {
  payload: Record<string, unknown>;
  disclosures: IssuedDisclosure[];
}

/** An issued SD-JWT: `<issuer-jwt>~<disclosure>~…~`. */
export interface IssuedSdJwt extends PackedPayload {
  sdJwt: string;
  issuerJwt: string;
}

/** The path of a member of the object at `path` (the same text `processDisclosures` shows). */
export const memberPath = (path: string, name: string): string => (path ? `${path}.${name}` : name);
/** The path of element `i` of the array at `path`. */
export const elementPath = (path: string, i: number): string => `${path}[${i}]`;

/** Take the marked claims out of `payload` into disclosures (no signature yet). */
export async function packPayload(request: SdIssueRequest): Promise<Result<PackedPayload>> {
  const random = request.random ?? secureRandom;
  const hash = request.hash ?? 'sha-256';
  const webCrypto = SD_HASH_NAMES[hash];
  if (!webCrypto || !ISSUE_HASHES.includes(hash))
    return fail('ERR_SD_ALG_UNSUPPORTED', `"${hash}" is not a hash the page issues with.`);
  const decoys = request.decoys ?? 0;
  if (!Number.isInteger(decoys) || decoys < 0 || decoys > MAX_DECOYS)
    return fail(
      'ERR_SD_ISSUE',
      `The number of decoys must be a whole number from 0 to ${MAX_DECOYS}, not ${decoys}.`,
    );
  const marks = new Set(request.marks);
  if (marks.size > MAX_DISCLOSURES)
    return fail('ERR_SD_TOO_MANY', `At most ${MAX_DISCLOSURES} claims can be disclosed apart.`);
  const reserved = reservedIn(request.payload, '', 0);
  if (reserved) return reserved;
  const slots: (IssuedDisclosure | undefined)[] = [];
  const used = new Set<string>();
  const salt = () => encodePart(random(16)); // 128 bits, as RFC 9901 §9.3 recommends

  const disclose = async (slot: number, path: string, array: unknown[], parent?: number) => {
    const text = encodePart(JSON.stringify(array));
    const digest = await digestOf(text, webCrypto);
    used.add(path);
    slots[slot] = { n: slot + 1, path, text, digest, ...(parent ? { parent } : {}) };
    return digest;
  };

  // `parent` is the number of the nearest disclosure above; a slot is taken before the
  // children are packed, so a parent is listed before what it contains.
  const pack = async (value: unknown, path: string, parent?: number): Promise<unknown> => {
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      for (const [i, element] of value.entries()) {
        const here = elementPath(path, i);
        if (!marks.has(here)) {
          out.push(await pack(element, here, parent));
          continue;
        }
        const slot = slots.push(undefined) - 1;
        const inner = await pack(element, here, slot + 1);
        out.push({ '...': await disclose(slot, here, [salt(), inner], parent) });
      }
      return out;
    }
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    const digests: string[] = [];
    for (const [name, member] of Object.entries(value)) {
      const here = memberPath(path, name);
      if (!marks.has(here)) {
        out[name] = await pack(member, here, parent);
        continue;
      }
      const slot = slots.push(undefined) - 1;
      const inner = await pack(member, here, slot + 1);
      digests.push(await disclose(slot, here, [salt(), name, inner], parent));
    }
    if (path === '')
      for (let i = 0; i < decoys; i++) digests.push(await digestOf(salt(), webCrypto));
    // Sorted, so the order of the digests tells nothing of the order of the claims (§4.2.4.1).
    if (digests.length) out['_sd'] = digests.sort();
    return out;
  };

  const packed = (await pack(request.payload, '')) as Record<string, unknown>;
  const missing = [...marks].filter((m) => !used.has(m));
  if (missing.length)
    return fail(
      'ERR_SD_ISSUE',
      `Nothing in the payload is at ${missing.map((m) => `"${m}"`).join(', ')}: only its claims and array elements can be disclosed apart.`,
    );
  const payload: Record<string, unknown> = {
    ...packed,
    _sd_alg: hash,
    ...(request.holderJwk ? { cnf: { jwk: request.holderJwk } } : {}),
  };
  return ok({ payload, disclosures: slots as IssuedDisclosure[] });
}

/** The key box and the header editor: what the issuer JWT is signed with. */
export interface IssuerSigning {
  headerText: string;
  keyText: string;
  secretEncoding: SecretEncoding;
  resolver: KeyResolver;
}

/** Pack the payload and sign the issuer JWT: the SD-JWT as its issuer hands it to the holder. */
export async function issueSdJwt(
  request: SdIssueRequest,
  signing: IssuerSigning,
): Promise<Result<IssuedSdJwt>> {
  const packed = await packPayload(request);
  if (!packed.ok) return packed;
  const input = prepareSigningInput(signing.headerText, JSON.stringify(packed.value.payload));
  if (!input.ok) return input;
  const { alg, header } = input.value;
  if (isNone(alg))
    return fail(
      'ERR_SD_ISSUE',
      'An SD-JWT must be signed: "alg": "none" would let anyone add or change claims (RFC 9901 §4.1). Choose a signing algorithm in the header.',
    );
  const algorithm = jwsAlgorithm(alg);
  if (!algorithm?.inBrowser)
    return fail(
      'ERR_ALG_UNKNOWN',
      `Cannot sign with "${alg}": not an algorithm this browser signs with.`,
    );
  const selection = await signing.resolver.resolve(signing.keyText, algorithm, 'sign', {
    secretEncoding: signing.secretEncoding,
    ...(typeof header['kid'] === 'string' ? { kid: header['kid'] } : {}),
  });
  const signed = await signWith(input.value, algorithm, selection);
  if (!signed.ok) return signed;
  const issuerJwt = signed.value;
  const sdJwt = `${[issuerJwt, ...packed.value.disclosures.map((d) => d.text)].join('~')}~`;
  return ok({ ...packed.value, issuerJwt, sdJwt });
}

/** How deep a payload may nest to be issued: far beyond any credential. */
const MAX_ISSUE_DEPTH = 100;

/** A payload that already uses SD-JWT's reserved names (or nests beyond reason) cannot be issued as one. */
function reservedIn(value: unknown, path: string, depth: number): Result<never> | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  // Packing walks the payload depth first: a hostile nesting would exhaust the stack.
  if (depth > MAX_ISSUE_DEPTH)
    return fail(
      'ERR_SD_ISSUE',
      `The payload nests more than ${MAX_ISSUE_DEPTH} levels deep (at ${path}): too deep to issue as an SD-JWT here.`,
    );
  if (Array.isArray(value)) {
    for (const [i, element] of value.entries()) {
      const found = reservedIn(element, elementPath(path, i), depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const [name, member] of Object.entries(value)) {
    if (name === '_sd' || name === '...' || (name === '_sd_alg' && path === ''))
      return fail(
        'ERR_SD_RESERVED_NAME',
        `The payload already has "${name}"${path ? ` in ${path}` : ''}: SD-JWT reserves it, so this payload is an SD-JWT's already, or would confuse a verifier (RFC 9901 §4.2.4).`,
      );
    const found = reservedIn(member, memberPath(path, name), depth + 1);
    if (found) return found;
  }
  return undefined;
}
