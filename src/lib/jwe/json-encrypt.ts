/**
 * Building a JWE in JSON serialization with jose's `FlattenedEncrypt` (one
 * recipient) or `GeneralEncrypt` (one or more): a protected header with
 * `enc`, an optional shared unprotected header and `aad`, and per recipient
 * its own header (`alg`, `kid`) and key.
 */
import { FlattenedEncrypt, GeneralEncrypt } from 'jose';
import { fail, messageOf, ok, type Result } from '../errors';
import type { JsonObject } from '../jws/decode';
import { MAX_JSON_ENTRIES } from '../jws/json-members';
import { parseKey } from '../keys/parse';
import type { SecretEncoding } from '../keys/secret';
import { jweAlgorithms } from './decrypt';
import { resolveJweKey } from './keys';

/** One recipient to encrypt to. */
export interface JweJsonRecipientInput {
  /** Its own unprotected header: at least `alg` unless the shared headers have it. */
  header: JsonObject;
  keyText: string;
}

/** Inputs for {@link encryptJweJson}. */
export interface JweJsonEncryptInput {
  plaintext: Uint8Array;
  protectedHeader: JsonObject;
  unprotected?: JsonObject;
  aad?: Uint8Array;
  recipients: JweJsonRecipientInput[];
  form: 'json-flattened' | 'json-general';
  secretEncoding: SecretEncoding;
}

/** Encrypt to every recipient; the JSON text, indented, or why it could not be made. */
export async function encryptJweJson(input: JweJsonEncryptInput): Promise<Result<string>> {
  const { recipients, form } = input;
  if (recipients.length === 0) return fail('ERR_KEY_EMPTY', 'Paste a key to encrypt to.');
  if (form === 'json-flattened' && recipients.length > 1)
    return fail(
      'ERR_JWE_ENCRYPT',
      `The flattened JSON form holds exactly one recipient; this has ${recipients.length}. Choose the general form.`,
    );
  if (recipients.length > MAX_JSON_ENTRIES)
    return fail(
      'ERR_JSON_TOO_MANY',
      `The page encrypts to at most ${MAX_JSON_ENTRIES} recipients.`,
    );
  const keys = [];
  for (const [i, recipient] of recipients.entries()) {
    const which = recipients.length > 1 ? `Recipient ${i + 1}: ` : '';
    const joined = { ...input.protectedHeader, ...input.unprotected, ...recipient.header };
    const algs = jweAlgorithms(String(joined.alg), joined.enc);
    if (!algs.ok) return fail(algs.error.code, `${which}${algs.error.message}`, { index: i + 1 });
    const parsed = parseKey(recipient.keyText);
    if (!parsed.ok) return parsed;
    const resolved = await resolveJweKey(parsed.value, algs.value.alg, algs.value.enc, 'encrypt', {
      secretEncoding: input.secretEncoding,
      kid: joined.kid,
    });
    if (!resolved.ok)
      return fail(resolved.error.code, `${which}${resolved.error.message}`, { index: i + 1 });
    keys.push(resolved.value[0]!.key);
  }
  try {
    if (form === 'json-flattened') {
      const encrypt = new FlattenedEncrypt(input.plaintext)
        .setProtectedHeader(input.protectedHeader)
        .setUnprotectedHeader(recipients[0]!.header);
      if (input.unprotected) encrypt.setSharedUnprotectedHeader(input.unprotected);
      if (input.aad) encrypt.setAdditionalAuthenticatedData(input.aad);
      return ok(JSON.stringify(await encrypt.encrypt(keys[0]!), null, 2));
    }
    const encrypt = new GeneralEncrypt(input.plaintext).setProtectedHeader(input.protectedHeader);
    if (input.unprotected) encrypt.setSharedUnprotectedHeader(input.unprotected);
    if (input.aad) encrypt.setAdditionalAuthenticatedData(input.aad);
    for (const [i, recipient] of recipients.entries())
      encrypt.addRecipient(keys[i]!).setUnprotectedHeader(recipient.header);
    return ok(JSON.stringify(await encrypt.encrypt(), null, 2));
  } catch (cause) {
    return fail(
      'ERR_JWE_ENCRYPT',
      `Encrypting the JSON serialization failed: ${messageOf(cause)}.`,
      {
        cause,
      },
    );
  }
}
