/**
 * Key sets that are not JWKS: a `{kid: PEM}` map (Google and Firebase publish
 * their signing certificates so) and several PEM blocks pasted together.
 * Each entry is read as a public JWK (spki-jwk.ts) and the whole as a JWKS,
 * so that choosing by `kid`, trying each, capping and listing are the JWKS
 * path's own (select-jwks.ts, jwks-info.ts), not a second key-set path.
 */
import { fail, ok, type Result } from '../errors';
import { readAkp } from './akp';
import { readJwk } from './jwk';
import { certificateSpki, describeKeyDer, type KeyForm } from './describe-key-der';
import { formOfLabel, readPem } from './pem';
import { toImportableDer } from './rewrap';
import { spkiToJwk } from './spki-jwk';
import type { JwkKey, JwksKey } from './types';

/**
 * The most PEM blocks or map entries read: far more than any real set (Google
 * publishes two or three), few enough that a pasted megabyte stays quick.
 */
export const MAX_SET_ENTRIES = 1000;

const BEGIN = /-----BEGIN ([^\r\n\\-]+)-----/g;

/** How many PEM blocks `text` holds, an `EC PARAMETERS` block before its key not counted. */
export function countPemBlocks(text: string): number {
  let count = 0;
  for (const match of text.matchAll(BEGIN)) if (match[1] !== 'EC PARAMETERS') count++;
  return count;
}

/** Several PEM blocks as a key set, each block a public key; a broken block is an error. */
export function readPemSet(text: string): Result<JwksKey> {
  const keys: JwkKey[] = [];
  const skipped: JwksKey['skipped'] = [];
  let at = 0;
  for (let index = 0; index < MAX_SET_ENTRIES; index++) {
    if (text.indexOf('-----BEGIN', at) < 0) break;
    const block = readPem(text, at);
    if (!block.ok) {
      // A label this page cannot use is one entry skipped; a damaged block spoils the paste.
      if (block.error.code !== 'ERR_KEY_PEM_UNSUPPORTED' || block.error.to === undefined)
        return block;
      skipped.push({ index, reason: `PEM block ${index + 1}: ${block.error.message}` });
      at = block.error.to;
      continue;
    }
    at = block.value.to;
    const entry = entryOf(block.value.label, block.value.der, `PEM block ${index + 1}`);
    if (entry.ok) keys.push(entry.value);
    else skipped.push({ index, reason: entry.error.message });
  }
  return asSet(keys, skipped, 'pem-blocks', 'PEM blocks');
}

/** A `{kid: PEM}` map as a key set: each value's first PEM block, named by its member. */
export function readPemMap(map: Record<string, string>): Result<JwksKey> {
  const keys: JwkKey[] = [];
  const skipped: JwksKey['skipped'] = [];
  Object.entries(map)
    .slice(0, MAX_SET_ENTRIES)
    .forEach(([kid, text], index) => {
      const block = readPem(text);
      const entry = block.ok
        ? entryOf(block.value.label, block.value.der, `the PEM for kid "${kid}"`, kid)
        : block;
      if (entry.ok) keys.push(entry.value);
      else
        skipped.push({
          index,
          reason: block.ok ? entry.error.message : `kid "${kid}": ${entry.error.message}`,
        });
    });
  return asSet(keys, skipped, 'pem-map', 'entries of this key map');
}

function asSet(
  keys: JwkKey[],
  skipped: JwksKey['skipped'],
  from: NonNullable<JwksKey['from']>,
  words: string,
): Result<JwksKey> {
  if (keys.length === 0)
    return fail(
      'ERR_KEY_JWKS_EMPTY',
      `None of the ${skipped.length} ${words} is a public key or certificate the page can use: ${skipped[0]?.reason ?? ''}`,
    );
  return ok({ kind: 'jwks', from, keys, skipped });
}

/** One block as a public JWK entry, or why not (named `what` in the message). */
function entryOf(label: string, der: Uint8Array, what: string, kid?: string): Result<JwkKey> {
  const What = what[0]!.toUpperCase() + what.slice(1);
  const form: KeyForm | undefined = formOfLabel(label);
  if (!form) return fail('ERR_KEY_PEM_UNSUPPORTED', `${What} is a "${label}" block, not a key.`);
  const facts = describeKeyDer(form, der);
  if (!facts.ok) return fail(facts.error.code, `${What}: ${facts.error.message}`);
  if (facts.value.isPrivate)
    return fail(
      'ERR_KEY_PEM_UNSUPPORTED',
      `${What} is a private key: PEM blocks pasted together are read as the public keys and certificates to verify with; paste a private key on its own to sign with it.`,
    );
  const importable = toImportableDer(form, der);
  if (!importable.ok) return importable;
  const spki = importable.value.format === 'x509' ? certificateSpki(der) : ok(importable.value.der);
  if (!spki.ok) return spki;
  const jwk = spkiToJwk(spki.value, facts.value);
  if (!jwk.ok) return fail(jwk.error.code, `${What}: ${jwk.error.message}`);
  // A certificate stays with its key as x5c (RFC 7517 §4.7), as in the JWKS Google publishes.
  const members = {
    ...jwk.value,
    ...(kid !== undefined ? { kid } : {}),
    ...(form === 'x509' ? { x5c: [standardBase64(der)] } : {}),
  };
  const entry = readJwk(members, readAkp);
  if (!entry.ok) return entry;
  const source = form === 'x509' ? 'a certificate' : 'a public key';
  return ok({ ...entry.value, label: `${what}, ${source}` });
}

/** x5c holds standard base64, not base64url (RFC 7515 §4.1.6). */
function standardBase64(der: Uint8Array): string {
  let binary = '';
  for (const byte of der) binary += String.fromCharCode(byte);
  return btoa(binary);
}
