/**
 * The JSON serializations in the pipeline: a pasted `{ … }` is read as a JWS
 * or JWE JSON serialization; its protected header and payload fill the
 * editors, and one signature (or recipient), rewritten as the compact token
 * it equals, stands for the token in the claims and findings. The verdicts
 * come from every signature or recipient (`verifyJsonView`).
 */
import type { Result } from '../errors';
import type { DecodedToken } from '../jws/decode';
import type { EditorTexts, KeyInput, TokenView } from './types';

/** A JSON serialization as the pipeline reads it. */
export interface JsonDecoding {
  /** The compact token one signature or recipient equals (for claims and findings), or why none decodes. */
  decoded: Result<DecodedToken>;
  view: TokenView | undefined;
  editors?: EditorTexts;
  notes: string[];
}

/** True for the views of a JSON serialization. */
export const isJsonView = (
  view: TokenView | undefined,
): view is Extract<TokenView, { form: 'json-jws-flattened' | 'json-jws-general' | 'json-jwe' }> =>
  view?.form === 'json-jws-flattened' ||
  view?.form === 'json-jws-general' ||
  view?.form === 'json-jwe';

/** Does the key box judge this JSON token? The untouched sample key judges only what it signed. */
export function keyJudgesJson(keys: KeyInput, text: string): boolean {
  return keys.from !== 'sample' || keys.sampleToken?.trim() === text.trim();
}
