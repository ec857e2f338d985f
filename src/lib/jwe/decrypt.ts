/**
 * Decrypting a compact JWE with jose, and saying which step failed: the
 * algorithm, the key, the encrypted key, or the authentication tag (which
 * covers the protected header, the IV and the ciphertext).
 */
import { compactDecrypt, errors as joseErrors } from 'jose';
import { fail, LabError, messageOf, ok, type Result } from '../errors';
import type { DecodedJwe } from '../jws/decode';
import { parseKey } from '../keys/parse';
import {
  jweEncAlgorithm,
  jweKeyAlgorithm,
  MAX_INFLATED_BYTES,
  P2C_LIMIT,
  P2C_WARN,
  type JweEncAlgorithm,
  type JweKeyAlgorithm,
} from './algorithms';
import { resolveJweKey, type JweKey, type JweKeyOptions } from './keys';
import { unwrapsCleanly } from './unwrap';

export { unwrapsCleanly } from './unwrap';

/** A JWE that opened. */
export interface DecryptedJwe {
  plaintext: Uint8Array;
  /** Which key opened it ("the JWK", "JWKS key 2 of 3, kid "b""). */
  keySource: string;
  /** Things worth knowing (a slow PBES2 count, compressed content). */
  notes: string[];
}

/** The `alg` and `enc` of a JWE header, checked against what this page can run. */
export function jweAlgorithms(
  alg: string,
  enc: unknown,
): Result<{ alg: JweKeyAlgorithm; enc: JweEncAlgorithm }> {
  const keyAlg = jweKeyAlgorithm(alg);
  if (!keyAlg)
    return fail(
      'ERR_JWE_ALG_UNKNOWN',
      `"alg": ${JSON.stringify(alg)} is not a JWE key management algorithm (RFC 7518 §4.1 lists RSA-OAEP, ECDH-ES, A128KW, dir, PBES2 …).`,
      { part: 'header' },
    );
  if (!keyAlg.inBrowser)
    return fail('ERR_JWE_ALG_UNSUPPORTED', `"alg": "${alg}": ${keyAlg.why}.`, {
      part: 'header',
    });
  if (typeof enc !== 'string')
    return fail(
      'ERR_JWE_ENC_UNKNOWN',
      'The header has no "enc": a JWE must say how its content is encrypted (A128GCM, A256GCM, A128CBC-HS256, A256CBC-HS512).',
      { part: 'header' },
    );
  const encAlg = jweEncAlgorithm(enc);
  if (!encAlg)
    return fail(
      'ERR_JWE_ENC_UNKNOWN',
      `"enc": ${JSON.stringify(enc)} is not a content encryption algorithm (RFC 7518 §5.1: A128GCM, A256GCM, A128CBC-HS256, A256CBC-HS512 …).`,
      { part: 'header' },
    );
  if (!encAlg.inBrowser)
    return fail('ERR_JWE_ALG_UNSUPPORTED', `"enc": "${enc}": ${encAlg.why}.`, { part: 'header' });
  return ok({ alg: keyAlg, enc: encAlg });
}

/** Check a PBES2 iteration count: a note above {@link P2C_WARN}, refused above {@link P2C_LIMIT}. */
export function checkP2c(p2c: unknown): Result<string | undefined> {
  if (typeof p2c !== 'number' || !Number.isSafeInteger(p2c) || p2c < 1)
    return fail(
      'ERR_JWE_P2C',
      `PBES2 needs "p2c", the PBKDF2 iteration count, as a positive whole number; the header has ${JSON.stringify(p2c)}.`,
      { part: 'header' },
    );
  if (p2c > P2C_LIMIT)
    return fail(
      'ERR_JWE_P2C',
      `"p2c" asks for ${p2c.toLocaleString('en')} PBKDF2 iterations; this page refuses more than ${P2C_LIMIT.toLocaleString('en')}, which would freeze the tab. A token like this is a denial-of-service attempt on whoever decrypts it.`,
      { part: 'header' },
    );
  if (p2c > P2C_WARN)
    return ok(
      `"p2c" is ${p2c.toLocaleString('en')}: above ${P2C_WARN.toLocaleString('en')} iterations, decrypting is slow, and a server that accepts any count can be made to burn CPU on every token.`,
    );
  return ok(undefined);
}

/** Decrypt a compact JWE with the key text; every failure is a value naming its step. */
export async function decryptJwe(
  token: DecodedJwe,
  keyText: string,
  options: JweKeyOptions,
): Promise<Result<DecryptedJwe>> {
  const algs = jweAlgorithms(token.alg, token.header.enc);
  if (!algs.ok) return algs;
  const { alg, enc } = algs.value;
  const notes: string[] = [];
  if (alg.family === 'PBES2') {
    const p2c = checkP2c(token.header.p2c);
    if (!p2c.ok) return p2c;
    if (p2c.value) notes.push(p2c.value);
  }
  const lengths = checkLengths(token, enc);
  if (!lengths.ok) return lengths;
  const parsed = parseKey(keyText);
  if (!parsed.ok) return parsed;
  const keys = await resolveJweKey(parsed.value, alg, enc, 'decrypt', {
    ...options,
    kid: token.header.kid,
  });
  if (!keys.ok) return keys;
  let last: LabError | undefined;
  for (const key of keys.value) {
    try {
      const { plaintext } = await compactDecrypt(token.compact, key.key, {
        keyManagementAlgorithms: [alg.alg as 'dir'],
        contentEncryptionAlgorithms: [enc.enc as 'A128GCM'],
        maxPBES2Count: P2C_LIMIT,
        maxDecompressedLength: MAX_INFLATED_BYTES,
      });
      if (token.header.zip === 'DEF')
        notes.push(
          `The content was compressed ("zip": "DEF") and inflated to ${plaintext.length} bytes.`,
        );
      return ok({ plaintext, keySource: key.source, notes });
    } catch (cause) {
      last = await explain(cause, token, alg, enc, key, keys.value.length);
    }
  }
  return { ok: false, error: last! };
}

/** The IV and tag sizes `enc` fixes (RFC 7518 §5.2.2, §5.3): a cut or padded part is named at once. */
function checkLengths(token: DecodedJwe, enc: JweEncAlgorithm): Result<true> {
  const gcm = enc.enc.endsWith('GCM');
  const want = { iv: gcm ? 12 : 16, tag: gcm ? 16 : enc.cekBits / 16 };
  const parts = token.compact.split('.');
  for (const [index, part, words] of [
    [2, 'iv', 'The IV (initialization vector)'],
    [4, 'tag', 'The authentication tag'],
  ] as const) {
    const text = (parts[index] ?? '').replace(/=+$/, '');
    const bytes = Math.floor((text.length * 3) / 4);
    if (bytes !== want[part])
      return fail(
        'ERR_JWE_PART',
        `${words} has the wrong length for ${enc.enc}: ${bytes} bytes instead of ${want[part]}. It was changed or cut.`,
        { part },
      );
  }
  return ok(true);
}

/** Turn what jose threw into the failing step and its likely cause. */
async function explain(
  cause: unknown,
  token: DecodedJwe,
  alg: JweKeyAlgorithm,
  enc: JweEncAlgorithm,
  key: JweKey,
  tried: number,
): Promise<LabError> {
  const message = messageOf(cause);
  const which = tried > 1 ? ` (tried ${tried} keys from the JWKS)` : '';
  if (cause instanceof joseErrors.JWEDecryptionFailed) {
    const unwrapped = await unwrapsCleanly(
      token.compact.split('.')[1] ?? '',
      alg,
      key,
      token.header,
    );
    if (unwrapped === false)
      return new LabError(
        'ERR_JWE_KEY_UNWRAP',
        `Step 1, key management, failed: the encrypted key does not open with this key${which}. Either this is not the key the token was encrypted to, or the encrypted key part was changed.`,
        { part: 'encrypted_key', cause },
      );
    const keyPart =
      unwrapped === true
        ? 'The key opened the encrypted key, so it is right; but'
        : alg.family === 'dir' || alg.alg === 'ECDH-ES'
          ? `With ${alg.alg} there is no encrypted key to check the key against:`
          : 'The key may be wrong (a wrong key yields a random content key), or';
    return new LabError(
      'ERR_JWE_TAG_MISMATCH',
      `Step 2, content decryption (${enc.enc}), failed: the authentication tag does not match${which}. ${keyPart} the protected header (it is the additional authenticated data), the IV, the ciphertext or the tag was changed${unwrapped === true ? '' : ', or the key is not the one the token was encrypted to'}.`,
      { cause },
    );
  }
  if (/Initialization Vector/i.test(message))
    return new LabError(
      'ERR_JWE_PART',
      `The IV (initialization vector) has the wrong length for ${enc.enc}: it was changed or cut.`,
      { part: 'iv', cause },
    );
  if (/Authentication Tag/i.test(message))
    return new LabError(
      'ERR_JWE_PART',
      `The authentication tag has the wrong length for ${enc.enc}: it was changed or cut.`,
      { part: 'tag', cause },
    );
  if (/Encrypted Key/i.test(message))
    return new LabError(
      'ERR_JWE_PART',
      `The encrypted key part is wrong for ${alg.alg}: ${alg.family === 'dir' || alg.alg === 'ECDH-ES' ? 'it must be empty, since the key itself is the content key' : 'it is missing'}.`,
      { part: 'encrypted_key', cause },
    );
  if (/decompress/i.test(message))
    return new LabError(
      'ERR_JWE_INFLATE',
      /limit/.test(message)
        ? `The compressed content ("zip": "DEF") inflates to more than ${MAX_INFLATED_BYTES.toLocaleString('en')} bytes: refused, as a decompression bomb would be.`
        : 'The content decrypted, but it is not valid DEFLATE data although the header says "zip": "DEF".',
      { cause },
    );
  if (/epk|p2s|p2c|"iv"|"tag"|Header/i.test(message))
    return new LabError(
      'ERR_JWE_PART',
      `The protected header is not usable for ${alg.alg}: ${message}.`,
      { part: 'header', cause },
    );
  if (cause instanceof TypeError || /key/i.test(message))
    return new LabError(
      'ERR_KEY_TYPE_MISMATCH',
      `This key cannot be used for ${alg.alg}: ${message}.`,
      { cause },
    );
  return new LabError('ERR_JWE_TAG_MISMATCH', `Decryption failed: ${message}.`, { cause });
}
