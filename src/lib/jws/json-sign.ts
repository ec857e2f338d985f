/**
 * Building a JWS in JSON serialization with jose's `FlattenedSign` (one
 * signature) or `GeneralSign` (one or more), each signer with its own
 * protected and unprotected header and key.
 */
import { FlattenedSign, GeneralSign } from 'jose';
import { fail, messageOf, ok, type Result } from '../errors';
import type { KeyResolver } from '../keys/resolve';
import type { SecretEncoding } from '../keys/secret';
import { jwsAlgorithm, type JwsAlgorithm } from './algorithms';
import { encodePart } from './base64url';
import { signWith } from './sign';
import type { UsableKey } from '../keys/resolve';
import { isSoftKey } from '../keys/types';
import type { JsonObject } from './decode';
import { MAX_JSON_ENTRIES } from './json-members';

/** The forms the page writes a signed token in (the contract's `output-form`). */
export type OutputForm = 'compact' | 'json-flattened' | 'json-general';

/** One signer: its headers and the key text to sign with. */
export interface JwsJsonSigner {
  protectedHeader: JsonObject;
  /** Members that go unsigned into `header`. */
  unprotectedHeader?: JsonObject;
  keyText: string;
}

/** A signature as a JSON serialization writes it. */
export interface JwsJsonSignatureMembers {
  protected?: string;
  header?: JsonObject;
  signature: string;
}

/** Inputs for {@link signJwsJson}. */
export interface JwsJsonSignInput {
  payload: Uint8Array;
  signers: JwsJsonSigner[];
  form: 'json-flattened' | 'json-general';
  secretEncoding: SecretEncoding;
  resolver: KeyResolver;
}

/** Sign the payload once per signer; the JSON text, indented, or why it could not be made. */
export async function signJwsJson(input: JwsJsonSignInput): Promise<Result<string>> {
  const { signers, form } = input;
  if (signers.length === 0) return fail('ERR_KEY_EMPTY', 'Paste a key to sign with.');
  if (form === 'json-flattened' && signers.length > 1)
    return fail(
      'ERR_SIGN',
      `The flattened JSON form holds exactly one signature; this token has ${signers.length}. Choose the general form to keep them all.`,
    );
  if (signers.length > MAX_JSON_ENTRIES)
    return fail(
      'ERR_JSON_TOO_MANY',
      `The page signs with at most ${MAX_JSON_ENTRIES} keys at once.`,
    );
  const keys: { usable: UsableKey; algorithm: JwsAlgorithm }[] = [];
  for (const [i, signer] of signers.entries()) {
    const which = signers.length > 1 ? `Signature ${i + 1}: ` : '';
    const alg = signer.protectedHeader.alg ?? signer.unprotectedHeader?.alg;
    if (typeof alg !== 'string')
      return fail(
        'ERR_JSON_EDIT',
        `${which}the header needs "alg" as a string to say how to sign.`,
        {
          part: 'header',
          index: i + 1,
        },
      );
    const algorithm = jwsAlgorithm(alg);
    if (!algorithm || !algorithm.inBrowser)
      return fail('ERR_ALG_UNKNOWN', `${which}cannot sign with "${alg}" in this browser.`, {
        index: i + 1,
      });
    const selection = await input.resolver.resolve(signer.keyText, algorithm, 'sign', {
      secretEncoding: input.secretEncoding,
      kid: signer.protectedHeader.kid ?? signer.unprotectedHeader?.kid,
    });
    if (!selection.ok) return selection;
    const key = selection.value.candidates[0];
    if (!key) return fail('ERR_KEY_EMPTY', `${which}paste a key to sign with.`);
    keys.push({ usable: key, algorithm });
  }
  // jose has neither ES256K nor Ed448: with such a key the serialization is put together here.
  if (keys.some((k) => isSoftKey(k.usable.key))) return assemble(input, keys);
  const joseKeys = keys.map((k) => k.usable.key as CryptoKey);
  try {
    if (form === 'json-flattened') {
      const signer = signers[0]!;
      const sign = new FlattenedSign(input.payload).setProtectedHeader(signer.protectedHeader);
      if (signer.unprotectedHeader) sign.setUnprotectedHeader(signer.unprotectedHeader);
      return ok(JSON.stringify(await sign.sign(joseKeys[0]!), null, 2));
    }
    const sign = new GeneralSign(input.payload);
    for (const [i, signer] of signers.entries()) {
      const added = sign.addSignature(joseKeys[i]!).setProtectedHeader(signer.protectedHeader);
      if (signer.unprotectedHeader) added.setUnprotectedHeader(signer.unprotectedHeader);
    }
    return ok(JSON.stringify(await sign.sign(), null, 2));
  } catch (cause) {
    return fail('ERR_SIGN', `Signing the JSON serialization failed: ${messageOf(cause)}.`, {
      cause,
    });
  }
}

/** The JSON serialization built by hand around `signWith`, for keys jose cannot use. */
async function assemble(
  input: JwsJsonSignInput,
  keys: { usable: UsableKey; algorithm: JwsAlgorithm }[],
): Promise<Result<string>> {
  const payload = encodePart(input.payload);
  const signatures = [];
  for (const [i, signer] of input.signers.entries()) {
    const protectedB64 = encodePart(JSON.stringify(signer.protectedHeader));
    const { usable, algorithm } = keys[i]!;
    const signed = await signWith(
      {
        header: signer.protectedHeader,
        alg: algorithm.alg,
        signingInput: `${protectedB64}.${payload}`,
        tokenPrefix: `${protectedB64}.${payload}`,
      },
      algorithm,
      ok({ candidates: [usable], how: '' }),
    );
    if (!signed.ok) return signed;
    signatures.push({
      protected: protectedB64,
      ...(signer.unprotectedHeader ? { header: signer.unprotectedHeader } : {}),
      signature: signed.value.slice(signed.value.lastIndexOf('.') + 1),
    });
  }
  const json =
    input.form === 'json-flattened' ? { payload, ...signatures[0]! } : { payload, signatures };
  return ok(JSON.stringify(json, null, 2));
}
