/**
 * Reading a key file a person dropped or chose: PEM and JSON are text already;
 * binary DER (`.der`, `.cer`, `.crt`) is recognised by its structure (SPKI,
 * PKCS#8, X.509, PKCS#1, SEC1: the same readers as describe-key-der.ts) and
 * written as PEM text for the key box. Loaded on demand.
 */
import { fail, ok, type Result } from '../errors';
import { pemText } from './pem-text';
import { describeKeyDer, type KeyForm } from './pem';

/** What the key box should hold after reading a file, and a sentence about it. */
export interface KeyFileText {
  text: string;
  note: string;
}

/** PEM labels per DER form (RFC 7468 §5, §10, §13; PKCS#1 and SEC1 as OpenSSL writes them). */
export const DER_FORMS: readonly { form: KeyForm; label: string; words: string }[] = [
  { form: 'x509', label: 'CERTIFICATE', words: 'an X.509 certificate' },
  { form: 'spki', label: 'PUBLIC KEY', words: 'an SPKI public key' },
  { form: 'pkcs8', label: 'PRIVATE KEY', words: 'a PKCS#8 private key' },
  { form: 'pkcs1-public', label: 'RSA PUBLIC KEY', words: 'a PKCS#1 RSA public key' },
  { form: 'pkcs1-private', label: 'RSA PRIVATE KEY', words: 'a PKCS#1 RSA private key' },
  { form: 'sec1', label: 'EC PRIVATE KEY', words: 'a SEC1 EC private key' },
];

/** Files larger than this are not keys (a 4096-bit RSA PEM is about 3.3 KB; a long certificate chain, tens). */
export const KEY_FILE_LIMIT = 256 * 1024;

const SEQUENCE = 0x30;

/** Which key structure a DER blob holds, as PEM text; a value, never a throw. */
export function derToPem(der: Uint8Array): Result<KeyFileText & { form: KeyForm }> {
  if (der.length === 0) return fail('ERR_KEY_DER', 'The file is empty.');
  if (der[0] !== SEQUENCE)
    return fail(
      'ERR_KEY_DER',
      `This is not DER: a DER key or certificate starts with byte 0x30 (a SEQUENCE), this one with 0x${der[0]!.toString(16).padStart(2, '0')}.`,
    );
  const failures: string[] = [];
  for (const { form, label, words } of DER_FORMS) {
    const facts = describeKeyDer(form, der);
    if (facts.ok)
      return ok({ form, text: pemText(label, der), note: `Read ${words} (DER), shown as PEM.` });
    // The structure fitted but the key inside is one JOSE cannot use: that answer is final.
    if (facts.error.code === 'ERR_KEY_PEM_UNSUPPORTED') return facts;
    failures.push(`${words}: ${facts.error.message}`);
  }
  return fail(
    'ERR_KEY_DER',
    `The file is DER, but not a key structure this page knows (SPKI, PKCS#8, X.509, PKCS#1, SEC1). As ${failures[0]}`,
  );
}

/** Turn a key file's bytes into the key box's text: PEM and JSON as they are, DER as PEM. */
export function keyFileToText(name: string, bytes: Uint8Array): Result<KeyFileText> {
  if (bytes.length > KEY_FILE_LIMIT)
    return fail(
      'ERR_KEY_FILE',
      `"${name}" is ${Math.round(bytes.length / 1024)} KB: far larger than any key, so it was not read.`,
    );
  if (bytes.length === 0) return fail('ERR_KEY_FILE', `"${name}" is empty.`);
  // 0x30 is also the character "0": a DER reading that fails falls through to text.
  const asDer = bytes[0] === SEQUENCE ? derToPem(bytes) : undefined;
  if (asDer?.ok) return ok({ text: asDer.value.text, note: `${name}: ${asDer.value.note}` });
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '');
  const trimmed = text.trim();
  if (trimmed.includes('-----BEGIN ')) return ok({ text, note: `${name}: read as PEM text.` });
  if (trimmed.startsWith('{')) return ok({ text, note: `${name}: read as JSON (JWK or JWKS).` });
  // Some tools save DER as bare base64 (no BEGIN/END lines).
  if (/^[A-Za-z0-9+/=\s]+$/.test(trimmed) && trimmed.length >= 64) {
    const der = fromBase64(trimmed.replace(/\s+/g, ''));
    if (der && der[0] === SEQUENCE) {
      const pem = derToPem(der);
      if (pem.ok)
        return ok({ text: pem.value.text, note: `${name}: bare base64 DER; ${pem.value.note}` });
    }
  }
  if (/^(ssh-|ecdsa-sha2-)/.test(trimmed))
    return ok({ text, note: `${name}: read as an OpenSSH public key line.` });
  if (asDer) return asDer;
  return fail(
    'ERR_KEY_FILE',
    `"${name}" is neither PEM (-----BEGIN …), JSON (a JWK or JWKS) nor DER, so it is not a key this page reads.`,
  );
}

function fromBase64(text: string): Uint8Array | undefined {
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}
