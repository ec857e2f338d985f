/**
 * The server's public key in each form a server might hold it as the
 * "secret" of a key-confusion attack: SPKI PEM with and without its final
 * newline, PKCS#1 PEM (RSA), the JWK as JSON, the DER bytes, and the text
 * exactly as pasted. Read and converted by the key editor's own code.
 */
import { fail, ok, type Result } from '../errors';
import { exportKey } from '../keys/export';
import { loadPemSupport, parseKey } from '../keys/parse';
import { describe } from '../keys/describe-key-der';
import { pemText } from '../keys/pem-text';
import type { ParsedKey } from '../keys/types';

/** One form of the public key, as the bytes an HMAC would be keyed with. */
export interface PublicKeyForm {
  /** Suffix of the variant id: '' for SPKI PEM with its newline. */
  suffix: string;
  label: string;
  bytes: Uint8Array;
}

const encoder = new TextEncoder();

/** A JWKS stands for its first asymmetric key: the one a server would publish. */
function singleKey(parsed: ParsedKey): ParsedKey | undefined {
  if (parsed.kind !== 'jwks') return parsed;
  return parsed.keys.find((k) => k.jwk.kty !== 'oct');
}

/** Every form of the public key in `text`, or why there is none. */
export async function publicKeyForms(text: string): Promise<Result<PublicKeyForm[]>> {
  const pem = await loadPemSupport();
  const parsed = parseKey(text);
  if (!parsed.ok) return parsed;
  const key = singleKey(parsed.value);
  if (!key || key.kind === 'empty' || key.kind === 'secret' || key.kind === 'ssh')
    return fail(
      'ERR_ATTACK_INPUT',
      'Key confusion needs the server\u2019s public key (PEM, JWK or JWKS); this is not one.',
    );
  const exported = await exportKey(key);
  if (!exported.ok) return exported;
  const { publicPem, publicJwk } = exported.value;
  if (!publicPem || !publicJwk)
    return fail('ERR_ATTACK_INPUT', 'This key has no public half to confuse with a secret.');
  const block = pem.readPem(publicPem);
  if (!block.ok) return block;
  const der = block.value.der;
  const spki = publicPem.trimEnd();
  const forms: PublicKeyForm[] = [
    { suffix: '', label: 'SPKI PEM with its final newline', bytes: encoder.encode(`${spki}\n`) },
    {
      suffix: '-no-newline',
      label: 'SPKI PEM without a final newline',
      bytes: encoder.encode(spki),
    },
  ];
  const rsaKey = describe('spki', der);
  if (rsaKey.ok && rsaKey.value.rsaKey)
    forms.push({
      suffix: '-pkcs1',
      label: 'PKCS#1 PEM (BEGIN RSA PUBLIC KEY)',
      bytes: encoder.encode(pemText('RSA PUBLIC KEY', rsaKey.value.rsaKey)),
    });
  forms.push(
    {
      suffix: '-jwk',
      label: 'the JWK as JSON',
      bytes: encoder.encode(JSON.stringify(JSON.parse(publicJwk))),
    },
    { suffix: '-der', label: 'the DER bytes', bytes: der },
  );
  const given = encoder.encode(text);
  if (!forms.some((f) => sameBytes(f.bytes, given)))
    forms.push({ suffix: '-as-given', label: 'the key text exactly as pasted', bytes: given });
  return ok(forms);
}

const sameBytes = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && a.every((byte, i) => byte === b[i]);
