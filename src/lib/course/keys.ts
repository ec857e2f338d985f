/**
 * The simulated server's key store: signing keys by `kid`, one of them the
 * current signer. Rotating an HMAC secret adds a new `kid` and keeps the old
 * one for verifying until it is retired; an RS256 key lets verifiers hold only
 * the public half (served as a JWKS).
 */
import type { JWK } from 'jose';

/** The algorithms the server signs with; it accepts only these, each with its own key. */
export type ServerAlg = 'HS256' | 'RS256';

/** One key of the store. */
export interface StoredKey {
  kid: string;
  alg: ServerAlg;
  /** What signs: the secret text, or a PKCS#8 PEM. */
  signing: string;
  /** What verifies: the same secret, or the SPKI PEM. */
  verifying: string;
  /** The public JWK (RS256 only): what a JWKS publishes. */
  publicJwk?: JWK;
  retired: boolean;
}

/** Keys by `kid`; the last one added is the signer. */
export class KeyStore {
  readonly #keys = new Map<string, StoredKey>();
  #current = '';

  /** Add `key` and make it the signer. */
  add(key: Omit<StoredKey, 'retired'>): void {
    this.#keys.set(key.kid, { ...key, retired: false });
    this.#current = key.kid;
  }

  /** The key new tokens are signed with. */
  get current(): StoredKey {
    const key = this.#keys.get(this.#current);
    if (!key) throw new TypeError('The key store is empty.');
    return key;
  }

  /** The key `kid` names, unless unknown or retired. */
  verifier(kid: unknown): StoredKey | undefined {
    const key = typeof kid === 'string' ? this.#keys.get(kid) : undefined;
    return key && !key.retired ? key : undefined;
  }

  /** Stop accepting tokens signed with `kid`. */
  retire(kid: string): void {
    const key = this.#keys.get(kid);
    if (key) key.retired = true;
  }

  /** The `kid`s still accepted. */
  get accepted(): string[] {
    return [...this.#keys.values()].filter((k) => !k.retired).map((k) => k.kid);
  }

  /** The public keys as a JWKS (RFC 7517 §5): secrets are never published. */
  jwks(): { keys: JWK[] } {
    return {
      keys: [...this.#keys.values()]
        .filter((k) => !k.retired && k.publicJwk)
        .map((k) => ({ ...k.publicJwk, kid: k.kid, alg: k.alg, use: 'sig' })),
    };
  }
}
