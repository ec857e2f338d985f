/**
 * Decoding a JWE in JSON serialization (RFC 7516 §7.2), general
 * (`recipients`) or flattened, as far as it goes without a key: the three
 * header parts (protected, shared unprotected, per recipient) kept apart, the
 * additional authenticated data, and each recipient's joined header.
 */
import { fail, ok, type Result } from '../errors';
import type { JsonObject } from '../jws/decode';
import {
  algOf,
  joinHeaders,
  readBase64urlMember,
  readEntries,
  readHeaderObject,
  readProtectedHeader,
  type MemberPlace,
} from '../jws/json-members';
import { decodeTextPart } from '../jws/base64url';

/** One recipient of a JWE JSON serialization. */
export interface JweJsonRecipient {
  /** Its place in the token, from 1. */
  index: number;
  /** Its own unprotected `header`. */
  header: JsonObject | undefined;
  /** The `encrypted_key` member as written, when present. */
  encryptedKey: string | undefined;
  /** Protected, shared unprotected and own headers joined: what it is decrypted under. */
  joined: JsonObject;
  alg: string;
}

/** A decoded JWE JSON serialization. */
export interface DecodedJweJson {
  kind: 'jwe-json';
  form: 'json-jwe';
  /** True for the flattened form (no `recipients` array). */
  flattened: boolean;
  object: JsonObject;
  /** The `protected` member as written, `''` when absent. */
  protectedB64: string;
  protectedHeader: JsonObject;
  /** The shared unprotected header (`unprotected`). */
  unprotected: JsonObject | undefined;
  /** The `aad` member as written, and as text when it is UTF-8. */
  aad: string | undefined;
  aadText: string | undefined;
  /** The `enc` every recipient shares, when it is a string. */
  enc: string | undefined;
  recipients: JweJsonRecipient[];
}

const TOP: MemberPlace = { words: 'the token' };

/** Decode a JWE JSON serialization (an object with `ciphertext`). */
export function decodeJweJson(object: JsonObject): Result<DecodedJweJson> {
  const flattened = !('recipients' in object);
  if (!flattened && ('header' in object || 'encrypted_key' in object))
    return fail(
      'ERR_JSON_MEMBER',
      'This object has "recipients" (the general form) and also "header" or "encrypted_key" at the top (the flattened form): it must be one or the other (RFC 7516 §7.2.2).',
      { reason: 'mixed' },
    );
  const members: Record<string, string | undefined> = {};
  for (const [name, optional] of [
    ['protected', true],
    ['iv', true],
    ['ciphertext', false],
    ['tag', true],
    ['aad', true],
  ] as const) {
    const read = readBase64urlMember(object, name, { words: wordsOf(name) }, optional);
    if (!read.ok) return read;
    members[name] = read.value;
  }
  let protectedHeader: JsonObject = {};
  if (members.protected !== undefined) {
    const read = readProtectedHeader(members.protected, { words: 'the protected header' });
    if (!read.ok) return read;
    protectedHeader = read.value;
  }
  const unprotected = readHeaderObject(object, 'unprotected', {
    words: 'the shared unprotected header',
  });
  if (!unprotected.ok) return unprotected;

  const entries = flattened ? ok([object]) : readEntries(object, 'recipients');
  if (!entries.ok) return entries;
  const recipients: JweJsonRecipient[] = [];
  for (const [i, entry] of entries.value.entries()) {
    const place: MemberPlace = flattened ? TOP : { words: `recipient ${i + 1}`, index: i + 1 };
    const own = flattened ? 'the per-recipient header ("header")' : `recipient ${i + 1}'s header`;
    const header = readHeaderObject(entry, 'header', { ...place, words: own });
    if (!header.ok) return header;
    const encryptedKey = readBase64urlMember(
      entry,
      'encrypted_key',
      { ...place, words: flattened ? 'the encrypted key' : `recipient ${i + 1}'s encrypted key` },
      true,
    );
    if (!encryptedKey.ok) return encryptedKey;
    const joined = joinHeaders(
      [
        { header: protectedHeader, words: 'the protected header' },
        { header: unprotected.value, words: 'the shared unprotected header' },
        { header: header.value, words: own },
      ],
      place,
    );
    if (!joined.ok) return joined;
    const alg = algOf(joined.value, place);
    if (!alg.ok) return alg;
    recipients.push({
      index: i + 1,
      header: header.value,
      encryptedKey: encryptedKey.value,
      joined: joined.value,
      alg: alg.value,
    });
  }
  const encs = new Set(recipients.map((r) => r.joined.enc));
  if (encs.size > 1)
    return fail(
      'ERR_JSON_MEMBER',
      'The recipients name different "enc" values: they share one ciphertext, so one content encryption algorithm (RFC 7516 §7.2.1).',
      { reason: 'enc' },
    );
  const enc = recipients[0]!.joined.enc;
  let aadText: string | undefined;
  if (members.aad !== undefined)
    try {
      aadText = decodeTextPart(members.aad);
    } catch {
      aadText = undefined;
    }
  return ok({
    kind: 'jwe-json',
    form: 'json-jwe',
    flattened,
    object,
    protectedB64: members.protected ?? '',
    protectedHeader,
    unprotected: unprotected.value,
    aad: members.aad,
    aadText,
    enc: typeof enc === 'string' ? enc : undefined,
    recipients,
  });
}

function wordsOf(member: string): string {
  switch (member) {
    case 'protected':
      return 'the protected header';
    case 'iv':
      return 'the initialization vector';
    case 'tag':
      return 'the authentication tag';
    case 'aad':
      return 'the additional authenticated data';
    default:
      return `the ${member}`;
  }
}
