/**
 * Building a compact JWE from the header and payload as the person wrote
 * them, with jose; optionally signing the payload first with the inner key
 * ("sign then encrypt", a nested JWT, RFC 7519 §11.2).
 */
import { CompactEncrypt, FlattenedEncrypt } from 'jose';
import { fail, messageOf, ok, type Result } from '../errors';
import { jwsAlgorithm } from '../jws/algorithms';
import { minifyJson, scanJson } from '../json/scan';
import { parseKey } from '../keys/parse';
import { algorithmsFor } from '../keys/fit';
import type { KeyResolver } from '../keys/resolve';
import type { SecretEncoding } from '../keys/secret';
import { prepareSigningInput, signWith } from '../jws/sign';
import { checkP2c, jweAlgorithms } from './decrypt';
import { resolveJweKey } from './keys';

/** Members jose writes itself for each token; a stale copy from a decrypted token is dropped. */
const GENERATED = ['epk', 'p2s', 'iv', 'tag'];

/** Inputs for {@link encryptJwe}. */
export interface EncryptInput {
  headerText: string;
  payloadText: string;
  keyText: string;
  secretEncoding: SecretEncoding;
  /** Sign the payload with this key first, producing a nested JWT. */
  sign?: { keyText: string; header?: Record<string, unknown>; resolver: KeyResolver };
  /** Write a JSON serialization: the header text is its protected header, beside these. */
  json?: JweJsonParts;
}

/** What a JWE JSON serialization holds besides its protected header (RFC 7516 §7.2). */
export interface JweJsonParts {
  form: 'json-flattened' | 'json-general';
  /** The shared unprotected header (`unprotected`). */
  unprotected?: Record<string, unknown>;
  /** The recipient's own unprotected header (`header`). */
  recipientHeader?: Record<string, unknown>;
  /** The additional authenticated data (`aad`), as bytes. */
  aad?: Uint8Array;
}

/** A built JWE, and what happened, in words. */
export interface EncryptedJwe {
  token: string;
  note: string;
}

/** Encrypt the payload to the key under the header's `alg` and `enc`. */
export async function encryptJwe(input: EncryptInput): Promise<Result<EncryptedJwe>> {
  const scan = scanJson(input.headerText);
  if (!scan.ok)
    return fail(
      'ERR_JSON_EDIT',
      `The header is not valid JSON: ${scan.error.message} at line ${scan.error.line}, column ${scan.error.column}.`,
      { part: 'header', from: scan.error.position, to: scan.error.position + 1 },
    );
  const header = JSON.parse(input.headerText) as Record<string, unknown>;
  // A JSON JWE's "alg" (and more) may sit in its unprotected headers, which were not edited.
  const parts = input.json ? jsonParts(header, input.json) : undefined;
  const joined = { ...parts?.unprotected, ...parts?.recipientHeader, ...header };
  if (typeof joined.alg !== 'string')
    return fail(
      'ERR_JSON_EDIT',
      'The header needs "alg" as a string: the key management algorithm.',
      {
        part: 'header',
      },
    );
  const algs = jweAlgorithms(joined.alg, joined.enc);
  if (!algs.ok) return algs;
  const { alg, enc } = algs.value;
  for (const member of GENERATED) delete header[member];
  let p2c: number | undefined;
  if (alg.family === 'PBES2' && joined.p2c !== undefined) {
    const checked = checkP2c(joined.p2c);
    if (!checked.ok) return checked;
    p2c = joined.p2c as number;
  }
  delete header.p2c;
  // A plain payload under "cty": "JWT" would promise a nested token that is not there.
  if (!input.sign && String(header.cty).toUpperCase() === 'JWT') delete header.cty;

  let plaintext: string;
  let signedNote = '';
  if (input.sign) {
    const signed = await signInner(input.payloadText, input.sign);
    if (!signed.ok) return signed;
    plaintext = signed.value.token;
    signedNote = `signed with ${signed.value.alg}, then `;
    header.cty = 'JWT';
  } else {
    plaintext = scanJson(input.payloadText).ok ? minifyJson(input.payloadText) : input.payloadText;
  }

  const parsed = parseKey(input.keyText);
  if (!parsed.ok) return parsed;
  const keys = await resolveJweKey(parsed.value, alg, enc, 'encrypt', {
    secretEncoding: input.secretEncoding,
    kid: joined.kid,
  });
  if (!keys.ok) return keys;
  const key = keys.value[0]!;
  const note = `The payload was ${signedNote}encrypted with ${alg.alg} and ${enc.enc} to ${key.source}.`;
  try {
    if (parts) {
      const bytes = new TextEncoder().encode(plaintext);
      // Made again: signing first put "cty" in the protected header.
      const token = await encryptJson(bytes, header, jsonParts(header, parts), key.key, p2c);
      return ok({ token, note });
    }
    const jwe = new CompactEncrypt(new TextEncoder().encode(plaintext)).setProtectedHeader(
      header as { alg: string; enc: string },
    );
    if (p2c !== undefined) jwe.setKeyManagementParameters({ p2c });
    const token = await jwe.encrypt(key.key);
    return ok({ token, note });
  } catch (cause) {
    return fail(
      'ERR_JWE_ENCRYPT',
      `Encrypting with ${alg.alg} and ${enc.enc} failed: ${messageOf(cause)}`,
      {
        cause,
      },
    );
  }
}

/**
 * The unprotected headers of a JSON JWE around the edited protected one: a
 * member now protected leaves them (the parts must not share names, RFC 7516
 * §7.2.1), and the recipient's generated members (`epk`, `p2s`, …) are made anew.
 */
function jsonParts(header: Record<string, unknown>, json: JweJsonParts): JweJsonParts {
  const without = (o: Record<string, unknown> | undefined, names: string[]) =>
    o && Object.fromEntries(Object.entries(o).filter(([name]) => !names.includes(name)));
  const unprotected = without(json.unprotected, Object.keys(header));
  const recipientHeader = without(json.recipientHeader, [
    ...Object.keys(header),
    ...Object.keys(unprotected ?? {}),
    ...GENERATED,
    'p2c',
  ]);
  return { ...json, unprotected, recipientHeader };
}

/** Encrypt to one recipient in a JSON form, with its shared and own unprotected headers and `aad`. */
async function encryptJson(
  plaintext: Uint8Array,
  header: Record<string, unknown>,
  parts: JweJsonParts,
  key: Parameters<CompactEncrypt['encrypt']>[0],
  p2c: number | undefined,
): Promise<string> {
  const nonEmpty = (o: Record<string, unknown> | undefined) =>
    o && Object.keys(o).length > 0 ? o : undefined;
  const unprotected = nonEmpty(parts.unprotected);
  const own = nonEmpty(parts.recipientHeader);
  const jwe = new FlattenedEncrypt(plaintext);
  if (Object.keys(header).length > 0) jwe.setProtectedHeader(header);
  if (unprotected) jwe.setSharedUnprotectedHeader(unprotected);
  if (own) jwe.setUnprotectedHeader(own);
  if (parts.aad) jwe.setAdditionalAuthenticatedData(parts.aad);
  if (p2c !== undefined) jwe.setKeyManagementParameters({ p2c });
  const flat = await jwe.encrypt(key);
  if (parts.form === 'json-flattened') return JSON.stringify(flat, null, 2);
  // The general form is the flattened one with the recipient's members in "recipients".
  const { header: recipientHeader, encrypted_key, ...shared } = flat;
  const recipient = {
    ...(recipientHeader ? { header: recipientHeader } : {}),
    ...(encrypted_key !== undefined ? { encrypted_key } : {}),
  };
  return JSON.stringify({ ...shared, recipients: [recipient] }, null, 2);
}

/** Sign the payload as the inner JWS, with the inner header or one that fits the key. */
async function signInner(
  payloadText: string,
  sign: NonNullable<EncryptInput['sign']>,
): Promise<Result<{ token: string; alg: string }>> {
  const parsed = sign.resolver.parse(sign.keyText);
  if (!parsed.ok) return parsed;
  let alg = typeof sign.header?.alg === 'string' ? sign.header.alg : undefined;
  if (!alg) {
    const key = parsed.value;
    const facts =
      key.kind === 'pem' || key.kind === 'jwk'
        ? key.facts
        : key.kind === 'jwks'
          ? key.keys[0]?.facts
          : undefined;
    alg = key.kind === 'secret' ? 'HS256' : facts ? algorithmsFor(facts)[0] : undefined;
  }
  const algorithm = alg ? jwsAlgorithm(alg) : undefined;
  if (!alg || !algorithm || !algorithm.inBrowser)
    return fail(
      'ERR_SIGN',
      'To sign then encrypt, paste the signing key (a secret or a private key) in the inner key box.',
    );
  const innerHeader = JSON.stringify({ ...(sign.header ?? { typ: 'JWT' }), alg });
  const input = prepareSigningInput(innerHeader, payloadText);
  if (!input.ok) return input;
  const selection = await sign.resolver.resolve(sign.keyText, algorithm, 'sign', {
    secretEncoding: 'utf8',
    kid: input.value.header.kid,
  });
  const signed = await signWith(input.value, algorithm, selection);
  if (!signed.ok)
    return fail(signed.error.code, `The inner signature failed: ${signed.error.message}`);
  return ok({ token: signed.value, alg });
}
