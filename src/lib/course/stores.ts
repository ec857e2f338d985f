/**
 * The server-side state a stateful design keeps: refresh-token families
 * (rotation with reuse detection), a `jti` denylist whose entries leave with
 * the token, and sessions. Every method takes `now`: the stores read no clock.
 */

/** What presenting a refresh token did. */
export type RotateOutcome =
  | { ok: true; family: string; sub: string }
  | { ok: false; reason: 'unknown' | 'expired' | 'family-revoked' | 'reused'; family?: string };

interface RefreshRecord {
  family: string;
  sub: string;
  exp: number;
  used: boolean;
}

/**
 * Refresh tokens by `jti`, grouped in families (one per login). A token may
 * be used once; when a used one comes back, someone holds a copy, so the whole
 * family is revoked (OAuth 2.0 Security BCP, RFC 9700 §4.14.2).
 */
export class RefreshFamilies {
  readonly #tokens = new Map<string, RefreshRecord>();
  readonly #revoked = new Set<string>();

  /** Record a new refresh token `jti` in `family`. */
  add(jti: string, family: string, sub: string, exp: number): void {
    this.#tokens.set(jti, { family, sub, exp, used: false });
  }

  /** Spend refresh token `jti`: ok once; a second time revokes its family. */
  rotate(jti: string, now: number): RotateOutcome {
    const record = this.#tokens.get(jti);
    if (!record) return { ok: false, reason: 'unknown' };
    const family = record.family;
    if (this.#revoked.has(family)) return { ok: false, reason: 'family-revoked', family };
    if (record.used) {
      this.#revoked.add(family);
      return { ok: false, reason: 'reused', family };
    }
    if (record.exp <= now) return { ok: false, reason: 'expired', family };
    record.used = true;
    return { ok: true, family, sub: record.sub };
  }

  /** Whether `family` was revoked. */
  isRevoked(family: string): boolean {
    return this.#revoked.has(family);
  }

  /** Revoke every family of `sub` (logout everywhere). */
  revokeSubject(sub: string): void {
    for (const record of this.#tokens.values())
      if (record.sub === sub) this.#revoked.add(record.family);
  }
}

/** Revoked `jti`s, each kept only until the token it names would have expired anyway. */
export class Denylist {
  readonly #entries = new Map<string, number>();

  /** Deny `jti` until `exp`. */
  add(jti: string, exp: number): void {
    this.#entries.set(jti, exp);
  }

  /** Whether `jti` is denied at `now` (expired entries are dropped first). */
  has(jti: string, now: number): boolean {
    this.purge(now);
    return this.#entries.has(jti);
  }

  /** How many entries are left at `now`. */
  size(now: number): number {
    this.purge(now);
    return this.#entries.size;
  }

  // An entry past its token's exp protects nothing: exp already refuses the token.
  private purge(now: number): void {
    for (const [jti, exp] of this.#entries) if (exp <= now) this.#entries.delete(jti);
  }
}

/** A server-side session: what a stateful server looks up on every request. */
export interface Session {
  id: string;
  sub: string;
  expires: number;
}

/** Sessions by id. */
export class Sessions {
  readonly #sessions = new Map<string, Session>();

  /** Keep `session`. */
  add(session: Session): void {
    this.#sessions.set(session.id, session);
  }

  /** The live session `id` at `now`, if any. */
  get(id: string, now: number): Session | undefined {
    const session = this.#sessions.get(id);
    if (session && session.expires <= now) this.#sessions.delete(id);
    return session && session.expires > now ? session : undefined;
  }

  /** End session `id`; true when there was one. */
  delete(id: string): boolean {
    return this.#sessions.delete(id);
  }
}
