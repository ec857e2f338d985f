/**
 * HMAC secrets as people hold them: text, or bytes written as base64,
 * base64url or hex. The person chooses the encoding; nothing is guessed.
 */
import { base64url } from 'jose';
import { fail, ok, type Result } from '../errors';

/** How the secret text is turned into key bytes. */
export type SecretEncoding = 'utf8' | 'base64' | 'base64url' | 'hex';

/** The encodings, with the words the page shows. */
export const SECRET_ENCODINGS: readonly { value: SecretEncoding; label: string }[] = [
  { value: 'utf8', label: 'UTF-8 text' },
  { value: 'base64', label: 'base64' },
  { value: 'base64url', label: 'base64url' },
  { value: 'hex', label: 'hex' },
];

/** The key bytes of a secret in the chosen encoding, or where it fails to decode. */
export function secretBytes(text: string, encoding: SecretEncoding): Result<Uint8Array> {
  if (encoding === 'utf8') return ok(new TextEncoder().encode(text));
  const body = text.trim();
  // Positions count in the text as typed, leading white space included.
  const lead = text.length - text.trimStart().length;
  const bad = (position: number, what: string) =>
    fail<Uint8Array>(
      'ERR_KEY_SECRET_ENCODING',
      `The secret is not ${what}: '${body[position]}' at character ${lead + position + 1}. Choose another encoding, or "UTF-8 text" to use the text as it is.`,
      {
        from: lead + position,
        to: lead + position + 1,
      },
    );
  if (encoding === 'hex') {
    const at = body.search(/[^0-9a-fA-F]/);
    if (at >= 0) return bad(at, 'hex');
    if (body.length % 2)
      return fail(
        'ERR_KEY_SECRET_ENCODING',
        `A hex secret has two digits per byte; this one has ${body.length} digits.`,
      );
    const bytes = new Uint8Array(body.length / 2);
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(body.slice(i * 2, i * 2 + 2), 16);
    return ok(bytes);
  }
  const alphabet = encoding === 'base64' ? /[^A-Za-z0-9+/=]/ : /[^A-Za-z0-9_\-=]/;
  const at = body.search(alphabet);
  if (at >= 0) return bad(at, encoding);
  const unpadded = body.replace(/=+$/, '');
  if (unpadded.includes('=')) return bad(unpadded.indexOf('='), encoding);
  if (unpadded.length % 4 === 1)
    return fail(
      'ERR_KEY_SECRET_ENCODING',
      `The secret's length (${unpadded.length}) is impossible for ${encoding}.`,
    );
  return ok(base64url.decode(unpadded.replace(/\+/g, '-').replace(/\//g, '_')));
}
