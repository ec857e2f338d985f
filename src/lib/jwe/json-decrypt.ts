/**
 * Decrypting a JWE JSON serialization with jose's `flattenedDecrypt`, one
 * recipient at a time (jose's `generalDecrypt` hides which one opened, and
 * why the others did not): the first recipient the key opens wins, and every
 * recipient tried gets a sentence.
 */
import { errors as joseErrors, flattenedDecrypt, type FlattenedJWE } from 'jose';
import { fail, LabError, messageOf, ok, type Result } from '../errors';
import { parseKey } from '../keys/parse';
import {
  MAX_INFLATED_BYTES,
  P2C_LIMIT,
  type JweEncAlgorithm,
  type JweKeyAlgorithm,
} from './algorithms';
import { checkP2c, jweAlgorithms, unwrapsCleanly } from './decrypt';
import { resolveJweKey, type JweKey, type JweKeyOptions } from './keys';
import type { DecodedJweJson, JweJsonRecipient } from './json-decode';

/** What happened at one recipient. */
export interface RecipientOutcome {
  index: number;
  alg: string;
  opened: boolean;
  message: string;
  code?: LabError['code'];
}

/** A JWE JSON serialization that opened. */
export interface DecryptedJweJson {
  plaintext: Uint8Array;
  /** The recipient the key opened, from 1. */
  recipient: number;
  keySource: string;
  notes: string[];
  recipients: RecipientOutcome[];
}

/** Decrypt with the key text, trying each recipient in order; failures are values naming the recipient. */
export async function decryptJweJson(
  token: DecodedJweJson,
  keyText: string,
  options: Omit<JweKeyOptions, 'kid'>,
): Promise<Result<DecryptedJweJson>> {
  const parsed = parseKey(keyText);
  if (!parsed.ok) return parsed;
  if (parsed.value.kind === 'empty')
    return fail('ERR_KEY_EMPTY', 'Paste the key of one of the recipients to decrypt.');
  const outcomes: RecipientOutcome[] = [];
  const errors: LabError[] = [];
  for (const recipient of token.recipients) {
    const words = recipientWords(token, recipient);
    const opened = await openRecipient(token, recipient, parsed.value, options, words);
    if (opened.ok) {
      outcomes.push({
        index: recipient.index,
        alg: recipient.alg,
        opened: true,
        message: `${capital(words)} opened with ${opened.value.keySource}.`,
      });
      return ok({ ...opened.value, recipient: recipient.index, recipients: outcomes });
    }
    errors.push(opened.error);
    outcomes.push({
      index: recipient.index,
      alg: recipient.alg,
      opened: false,
      message: opened.error.message,
      code: opened.error.code,
    });
  }
  if (errors.length === 1) return { ok: false, error: errors[0]! };
  return fail(
    'ERR_JWE_NO_RECIPIENT',
    `None of the ${errors.length} recipients opens with this key. ${outcomes.map((o) => o.message).join(' ')}`,
  );
}

/** Words naming a recipient: "recipient 2 (A128KW, kid "7")". */
export function recipientWords(token: DecodedJweJson, recipient: JweJsonRecipient): string {
  const kid = typeof recipient.joined.kid === 'string' ? `, kid "${recipient.joined.kid}"` : '';
  const which = token.flattened ? 'the recipient' : `recipient ${recipient.index}`;
  return `${which} (${recipient.alg}${kid})`;
}

async function openRecipient(
  token: DecodedJweJson,
  recipient: JweJsonRecipient,
  parsed: Parameters<typeof resolveJweKey>[0],
  options: Omit<JweKeyOptions, 'kid'>,
  words: string,
): Promise<Result<Omit<DecryptedJweJson, 'recipient' | 'recipients'>>> {
  const index = { index: recipient.index };
  const prefix = (error: LabError) =>
    new LabError(error.code, `${capital(words)}: ${error.message}`, { ...index, cause: error });
  const algs = jweAlgorithms(recipient.alg, recipient.joined.enc);
  if (!algs.ok) return { ok: false, error: prefix(algs.error) };
  const { alg, enc } = algs.value;
  const notes: string[] = [];
  if (alg.family === 'PBES2') {
    const p2c = checkP2c(recipient.joined.p2c);
    if (!p2c.ok) return { ok: false, error: prefix(p2c.error) };
    if (p2c.value) notes.push(p2c.value);
  }
  const keys = await resolveJweKey(parsed, alg, enc, 'decrypt', {
    ...options,
    kid: recipient.joined.kid,
  });
  if (!keys.ok) return { ok: false, error: prefix(keys.error) };
  const jwe = flattenedOf(token, recipient);
  let last: LabError | undefined;
  for (const key of keys.value) {
    try {
      const { plaintext } = await flattenedDecrypt(jwe, key.key, {
        keyManagementAlgorithms: [alg.alg as 'dir'],
        contentEncryptionAlgorithms: [enc.enc as 'A128GCM'],
        maxPBES2Count: P2C_LIMIT,
        maxDecompressedLength: MAX_INFLATED_BYTES,
      });
      return ok({ plaintext, keySource: key.source, notes });
    } catch (cause) {
      last = await explain(cause, recipient, alg, enc, key, words);
    }
  }
  return { ok: false, error: last! };
}

/** One recipient's view of the token, as jose's flattened form. */
function flattenedOf(token: DecodedJweJson, recipient: JweJsonRecipient): FlattenedJWE {
  const o = token.object as Record<string, string | undefined>;
  return {
    ciphertext: o.ciphertext!,
    ...(o.iv !== undefined ? { iv: o.iv } : {}),
    ...(o.tag !== undefined ? { tag: o.tag } : {}),
    ...(token.protectedB64 ? { protected: token.protectedB64 } : {}),
    ...(token.unprotected ? { unprotected: token.unprotected } : {}),
    ...(token.aad !== undefined ? { aad: token.aad } : {}),
    ...(recipient.header ? { header: recipient.header } : {}),
    ...(recipient.encryptedKey !== undefined ? { encrypted_key: recipient.encryptedKey } : {}),
  };
}

async function explain(
  cause: unknown,
  recipient: JweJsonRecipient,
  alg: JweKeyAlgorithm,
  enc: JweEncAlgorithm,
  key: JweKey,
  words: string,
): Promise<LabError> {
  const details = { index: recipient.index, cause };
  if (cause instanceof joseErrors.JWEDecryptionFailed) {
    const unwrapped = await unwrapsCleanly(
      recipient.encryptedKey ?? '',
      alg,
      key,
      recipient.joined,
    );
    if (unwrapped === false)
      return new LabError(
        'ERR_JWE_KEY_UNWRAP',
        `${capital(words)}: its encrypted key does not open with this key. Either the token was not encrypted to this key for this recipient, or the encrypted key was changed.`,
        { ...details, part: 'encrypted_key' },
      );
    return new LabError(
      'ERR_JWE_TAG_MISMATCH',
      `${capital(words)}: content decryption (${enc.enc}) failed, the authentication tag does not match. ${unwrapped === true ? 'The key opened the encrypted key, so it is right; but' : 'The key may be wrong, or'} the protected header, the additional authenticated data ("aad"), the IV, the ciphertext or the tag was changed.`,
      details,
    );
  }
  return new LabError(
    cause instanceof joseErrors.JWEInvalid ? 'ERR_JWE_PART' : 'ERR_KEY_TYPE_MISMATCH',
    `${capital(words)}: ${messageOf(cause)}.`,
    details,
  );
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
