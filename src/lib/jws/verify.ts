/**
 * Checking a JWS signature. jose imports the keys; the signature itself is
 * checked with `crypto.subtle.verify` directly, because jose refuses RSA keys
 * under 2048 bits, and a debugger must still say whether such a token is
 * genuine (the small key is a finding, not a reason to look away).
 */
import { LabError, type Result } from '../errors';
import {
  isNone,
  jwsAlgorithm,
  signatureSizes,
  subtleParams,
  JWS_ALGORITHMS,
  type JwsAlgorithm,
} from './algorithms';
import type { DecodedJws } from './decode';
import type { KeySelection } from '../keys/resolve';
import { isSoftKey } from '../keys/types';
import { loadNoble } from '../noble/load';

/** The page's `signature-status` values. */
export type SignatureStatus =
  'verified' | 'invalid' | 'unsigned' | 'needs-key' | 'key-error' | 'malformed';

/** The answer to "is the signature right?" with its reason. */
export interface SignatureVerdict {
  status: SignatureStatus;
  message: string;
  error?: LabError;
  /** Which key verified it, or which were tried. */
  keySource?: string;
  /** Set when the key came from a link the page opened, not from the person. */
  keyFrom?: 'link';
  notes?: string[];
}

const encoder = new TextEncoder();

/**
 * A buffer reused from one check to the next for the bytes handed to
 * WebCrypto. Handing the browser a new buffer on every keystroke costs it
 * more than an HMAC check itself; reuse is safe because WebCrypto copies its
 * inputs before `verify` returns (W3C WebCrypto, SubtleCrypto.verify step 5).
 */
class Scratch {
  /** Larger inputs get a buffer of their own, so that none is kept alive. */
  static readonly MAX = 64 * 1024;
  #bytes = new Uint8Array(256);
  #view = this.#bytes.subarray(0, 0);

  /** `length` bytes at the start of the buffer, as a view kept while the length stays. */
  #take(length: number): Uint8Array<ArrayBuffer> {
    if (length > this.#bytes.length)
      this.#bytes = new Uint8Array(2 ** Math.ceil(Math.log2(length)));
    if (this.#view.buffer !== this.#bytes.buffer || this.#view.length !== length)
      this.#view = this.#bytes.subarray(0, length);
    return this.#view;
  }

  /** A copy of `bytes`. */
  bytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
    if (bytes.length > Scratch.MAX) return bytes.slice();
    const view = this.#take(bytes.length);
    view.set(bytes);
    return view;
  }

  /**
   * The UTF-8 bytes of `text`, such as a signing input (ASCII unless RFC 7797
   * unencoded): encoded into as many bytes as it has characters, which holds
   * it whole exactly when it is ASCII; otherwise encoded anew.
   */
  utf8(text: string): Uint8Array<ArrayBuffer> {
    if (text.length > Scratch.MAX) return encoder.encode(text);
    const view = this.#take(text.length);
    const { read, written } = encoder.encodeInto(text, view);
    return read === text.length && written === text.length ? view : encoder.encode(text);
  }
}

const signatureScratch = new Scratch();
const inputScratch = new Scratch();

/** The algorithm a token names, or a verdict when it cannot be checked at all. */
export function algorithmOf(
  alg: string,
): { algorithm: JwsAlgorithm } | { verdict: SignatureVerdict } {
  if (isNone(alg))
    return {
      verdict: {
        status: 'unsigned',
        message: `"alg": "${alg}" means the token is not signed: anyone can write one, so there is nothing to verify. A server must reject it (PyJWT: InvalidAlgorithmError unless "none" is explicitly allowed).`,
      },
    };
  const algorithm = jwsAlgorithm(alg);
  if (!algorithm) {
    const near = JWS_ALGORITHMS.find((a) => a.alg.toLowerCase() === alg.toLowerCase());
    const hint = near ? ` Algorithm names are case-sensitive: did you mean ${near.alg}?` : '';
    const error = new LabError(
      'ERR_ALG_UNKNOWN',
      `"${alg}" is not a registered JWS algorithm (RFC 7518 §3.1).${hint}`,
      { pyjwt: 'InvalidAlgorithmError' },
    );
    return { verdict: { status: 'key-error', message: error.message, error } };
  }
  if (!algorithm.inBrowser) {
    const error = new LabError(
      'ERR_ALG_UNSUPPORTED',
      `This browser cannot check ${alg} signatures: WebCrypto has no ${algorithm.crv ?? alg} support. The token decodes, but its signature is not verified here.`,
    );
    return { verdict: { status: 'key-error', message: error.message, error } };
  }
  return { algorithm };
}

/**
 * Check `token`'s signature with the selected keys; the first that verifies
 * wins. A chain of promises, not an async function: a keystroke's check
 * waits for no more turns than the crypto itself takes.
 */
export function verifyWith(
  token: DecodedJws,
  algorithm: JwsAlgorithm,
  selection: Result<KeySelection>,
): Promise<SignatureVerdict> {
  if (!selection.ok) {
    const status = selection.error.code === 'ERR_KEY_EMPTY' ? 'needs-key' : 'key-error';
    return Promise.resolve({ status, message: selection.error.message, error: selection.error });
  }
  const { candidates, how } = selection.value;
  const params = subtleParams(algorithm);
  const attempt = (index: number): Promise<SignatureVerdict> => {
    const candidate = candidates[index];
    if (!candidate) return Promise.resolve(invalidVerdict(token, algorithm, selection.value));
    const { key } = candidate;
    const verified = isSoftKey(key)
      ? loadNoble().then((noble) =>
          noble.softVerify(key, token.signature, encoder.encode(token.signingInput)),
        )
      : crypto.subtle.verify(
          params,
          key,
          signatureScratch.bytes(token.signature),
          inputScratch.utf8(token.signingInput),
        );
    return verified.then((yes) =>
      yes
        ? {
            status: 'verified',
            message: verifiedMessage(algorithm.alg),
            keySource: how ? keySourceOf(candidate, how) : candidate.source,
            notes: candidate.notes,
          }
        : attempt(index + 1),
    );
  };
  return attempt(0);
}

// A keystroke's verdict reuses the words of the last one: the same
// algorithm and key give the same strings, not new ones to collect.
const VERIFIED_MESSAGES = new Map<string, string>();
const KEY_SOURCES = new WeakMap<object, string>();

/** For a registered algorithm (a JwsAlgorithm's name), so the map stays small. */
function verifiedMessage(alg: string): string {
  let message = VERIFIED_MESSAGES.get(alg);
  if (message === undefined)
    VERIFIED_MESSAGES.set(alg, (message = `Signature verified with ${alg}.`));
  return message;
}

function keySourceOf(candidate: { source: string }, how: string): string {
  let source = KEY_SOURCES.get(candidate);
  if (source === undefined) KEY_SOURCES.set(candidate, (source = `${candidate.source}: ${how}`));
  return source;
}

/** The verdict when no candidate key verifies the signature. */
function invalidVerdict(
  token: DecodedJws,
  algorithm: JwsAlgorithm,
  { candidates, how }: KeySelection,
): SignatureVerdict {
  const error = new LabError(
    'ERR_SIGNATURE_INVALID',
    invalidReason(token, algorithm, candidates.length),
    {
      part: 'signature',
      pyjwt: 'InvalidSignatureError',
    },
  );
  const tried = candidates.map((c) => c.source).join('; ');
  return {
    status: 'invalid',
    message: error.message,
    error,
    keySource: how ? `tried ${tried}: ${how}` : tried,
  };
}

function invalidReason(token: DecodedJws, algorithm: JwsAlgorithm, tried: number): string {
  const n = token.signature.length;
  if (n === 0) return 'The signature part is empty, so nothing proves who made this token.';
  const sizes = signatureSizes(algorithm);
  if (sizes.length && !sizes.includes(n)) {
    const der =
      algorithm.family === 'ECDSA' && token.signature[0] === 0x30
        ? ' It starts like DER: JWS wants the raw r‖s form (RFC 7518 §3.4).'
        : '';
    return `An ${algorithm.alg} signature is ${sizes.join(' or ')} bytes; this one is ${n}.${der}`;
  }
  const keys = tried > 1 ? `any of the ${tried} keys tried` : 'this key';
  if (token.detached)
    return token.payloadText === ''
      ? `This JWS has a detached payload (header..signature): the token does not carry the payload it signs. Give that payload in the detached payload field; the signature does not match an empty one with ${keys}.`
      : `The signature does not match the detached payload you gave with ${keys}: the payload differs from the one that was signed, or it was signed with a different key.`;
  return `The signature does not match ${keys}: the token was changed after it was signed, or it was signed with a different key.`;
}
