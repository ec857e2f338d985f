/**
 * A token wrapped across lines (by a terminal, an e-mail, a log viewer or an
 * RFC's layout) is read whole: the next piece is joined while the token is
 * visibly unfinished, and the join is kept only when it ends where the
 * algorithm says the token's last part ends.
 */
import { jwsAlgorithm } from '../jws/algorithms';
import { jweEncAlgorithm } from '../jwe/algorithms';
import { readJoseHeader, type JoseHeader } from './compact';

/** A header still being joined is given up past this many characters: real ones are far smaller. */
export const MAX_WRAPPED_HEADER = 16_384;

/** RSA moduli in use (RFC 7518 §3.3 requires 2048 bits or more; 1024 still turns up). */
const RSA_BITS = [1024, 2048, 3072, 4096];

/** Unpadded base64url length of `bytes` bytes. */
const chars = (bytes: number): number => Math.ceil((bytes * 4) / 3);

/**
 * The lengths a token's last part may have: the signature (RFC 7518 §3, RFC
 * 8037, RFC 9964) or the JWE authentication tag (RFC 7518 §5.2.2.1: half the
 * CBC-HS key; §5.3: 128 bits for GCM). Undefined when nothing fixes it.
 */
export function lastPartLengths(header: JoseHeader, jwe: boolean): number[] | undefined {
  if (jwe) {
    const enc = header.enc === undefined ? undefined : jweEncAlgorithm(header.enc);
    if (!enc) return undefined;
    return [chars(enc.enc.includes('CBC') ? enc.cekBits / 16 : 16)];
  }
  const alg = jwsAlgorithm(header.alg);
  if (!alg) return undefined;
  if (alg.family === 'none') return [0];
  if (alg.signatureBytes !== undefined) return [chars(alg.signatureBytes)];
  if (alg.family === 'HMAC' && alg.hashBytes !== undefined) return [chars(alg.hashBytes)];
  if (alg.family === 'RSA' || alg.family === 'RSA-PSS') return RSA_BITS.map((b) => chars(b / 8));
  return undefined;
}

/** Where a token being joined stands. */
export type WrapState = 'more' | 'done' | 'broken';

/** A token read piece by piece; each character is looked at once. */
export class WrapReader {
  #headerText = '';
  #header: JoseHeader | undefined;
  #broken = false;
  #dots = 0;
  #lastPart = 0;
  #tilde = false;

  /** Add the next piece of the token. */
  append(piece: string): void {
    let start = 0;
    for (let i = 0; i < piece.length && !this.#broken; i++) {
      const c = piece[i];
      if (c === '~') this.#tilde = true;
      if (c !== '.') {
        this.#lastPart++;
        continue;
      }
      if (!this.#header) {
        this.#headerText += piece.slice(start, i);
        this.#header = readJoseHeader(this.#headerText);
        if (!this.#header) this.#broken = true;
      }
      this.#dots++;
      this.#lastPart = 0;
      start = i + 1;
    }
    if (!this.#header) this.#headerText += piece.slice(start);
  }

  /** Whether the token needs more, is whole, or cannot be a token. */
  get state(): WrapState {
    if (this.#broken) return 'broken';
    const header = this.#header;
    if (!header) return this.#headerText.length > MAX_WRAPPED_HEADER ? 'broken' : 'more';
    // SD-JWTs are recognised on one line only: their disclosures have no fixed length.
    if (this.#tilde) return 'done';
    const jwe = header.enc !== undefined;
    const needed = jwe ? 4 : 2;
    if (this.#dots < needed) return 'more';
    if (this.#dots > needed) return 'done';
    const lengths = lastPartLengths(header, jwe);
    if (!lengths) return this.#lastPart > 0 ? 'done' : 'more';
    if (lengths.includes(this.#lastPart)) return 'done';
    return this.#lastPart > Math.max(...lengths) ? 'broken' : 'more';
  }

  /** True until the header is whole: a header is only rejoined across a line break. */
  get inHeader(): boolean {
    return this.#header === undefined;
  }
}
