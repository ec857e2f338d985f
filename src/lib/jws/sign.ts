/**
 * Building a JWS from header and payload JSON as the person wrote them. The
 * JSON is minified from its own tokens, so numbers beyond double precision,
 * member order and even duplicate members are signed exactly as typed.
 */
import { fail, ok, messageOf, type Result } from '../errors';
import { isNone, subtleParams, type JwsAlgorithm } from './algorithms';
import { encodePart } from './base64url';
import { lineColumn, minifyJson, scanJson } from '../json/scan';
import type { KeySelection } from '../keys/resolve';
import { isSoftKey } from '../keys/types';
import { loadNoble } from '../noble/load';

// A UTF-16 surrogate with no partner: not a character, so not encodable as UTF-8.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Header and payload text, checked and ready to sign. */
export interface SigningInput {
  header: Record<string, unknown>;
  alg: string;
  /** `BASE64URL(header) || '.' || BASE64URL(payload)`. */
  signingInput: string;
}

/** Check the edited JSON: the header an object with a string `alg`, the payload an object. */
export function prepareSigningInput(headerText: string, payloadText: string): Result<SigningInput> {
  const parts: [string, string][] = [
    ['header', headerText],
    ['payload', payloadText],
  ];
  const encoded: string[] = [];
  let header: Record<string, unknown> = {};
  for (const [name, text] of parts) {
    const lone = LONE_SURROGATE.exec(text);
    if (lone) {
      const { line, column } = lineColumn(text, lone.index);
      const unit = lone[0].charCodeAt(0).toString(16).toUpperCase();
      return fail(
        'ERR_JSON_EDIT',
        `The ${name} holds a lone surrogate (U+${unit}) at line ${line}, column ${column}: it is half of a character, and UTF-8 cannot encode it (it would be signed as U+FFFD, not what the editor shows). Remove it, or write the escape \\u${unit.toLowerCase()} if you mean it.`,
        { part: name as 'header', from: lone.index, to: lone.index + 1 },
      );
    }
    const scan = scanJson(text);
    if (!scan.ok)
      return fail(
        'ERR_JSON_EDIT',
        `The ${name} is not valid JSON: ${scan.error.message} at line ${scan.error.line}, column ${scan.error.column}.`,
        {
          part: name as 'header',
          from: scan.error.position,
          to: scan.error.position + 1,
        },
      );
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      return fail('ERR_JSON_EDIT', `The ${name} must be a JSON object { … }.`, {
        part: name as 'header',
      });
    if (name === 'header') header = value as Record<string, unknown>;
    encoded.push(encodePart(minifyJson(text)));
  }
  if (typeof header.alg !== 'string')
    return fail(
      'ERR_JSON_EDIT',
      'The header needs "alg" as a string to say how to sign the token.',
      { part: 'header' },
    );
  return ok({ header, alg: header.alg, signingInput: encoded.join('.') });
}

/** Sign with the first candidate key; `alg: none` yields an unsigned token. */
export async function signWith(
  input: SigningInput,
  algorithm: JwsAlgorithm | undefined,
  selection: Result<KeySelection>,
): Promise<Result<string>> {
  if (isNone(input.alg)) return ok(`${input.signingInput}.`);
  if (!algorithm)
    return fail(
      'ERR_ALG_UNKNOWN',
      `Cannot sign with "${input.alg}": not an algorithm this browser can sign with.`,
    );
  if (!selection.ok) return selection;
  const key = selection.value.candidates[0];
  if (!key) return fail('ERR_KEY_EMPTY', 'Paste a key to sign with.');
  try {
    const bytes = new TextEncoder().encode(input.signingInput);
    const signature = isSoftKey(key.key)
      ? (await loadNoble()).softSign(key.key, bytes)
      : new Uint8Array(await crypto.subtle.sign(subtleParams(algorithm), key.key, bytes));
    return ok(`${input.signingInput}.${encodePart(signature)}`);
  } catch (cause) {
    return fail('ERR_SIGN', `Signing with ${algorithm.alg} failed: ${messageOf(cause)}`, { cause });
  }
}
