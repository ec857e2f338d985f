/**
 * A deliberately small simulated authorization server and API, run in the
 * page (or in node for the tests) with its own pinned clock: users, a key
 * store, refresh-token families, a `jti` denylist and sessions. Every token it
 * issues is signed, and every token it accepts verified, by the page's own
 * engine. Each request leaves one log line saying what was checked.
 */
import { signToken, randomSecret } from '../lessons/tokens';
import type { JsonObject } from '../jws/decode';
import { KeyStore } from './keys';
import { Denylist, RefreshFamilies, Sessions } from './stores';
import type { LogLine, SimRequest, SimResponse, SimUser } from './types';
import { verifyToken, type ClaimPolicy, type TokenCheck } from './verify-token';
import { ROUTES } from './routes';
import { reply } from './route-kit';

/** The course's users: a reader, an admin, and a user of another tenant. */
export const COURSE_USERS: readonly SimUser[] = [
  {
    username: 'alice',
    password: 'correct horse',
    role: 'user',
    scope: ['profile:read'],
    tenant: 'acme',
  },
  {
    username: 'bob',
    password: 'battery staple',
    role: 'admin',
    scope: ['profile:read', 'orders:write'],
    tenant: 'acme',
  },
  {
    username: 'mallory',
    password: 'hunter2',
    role: 'user',
    scope: ['profile:read'],
    tenant: 'globex',
  },
];

/** How a server is set up. */
export interface ServerOptions {
  /** Where its clock starts (seconds since the epoch). */
  now: number;
  issuer?: string;
  audience?: string;
  /** Access token lifetime in seconds. */
  accessLifetime?: number;
  refreshLifetime?: number;
  sessionLifetime?: number;
  /** Whether logout and /revoke put the token's `jti` on a denylist. */
  denylist?: boolean;
  /** The HMAC secret of the first key (random when absent). */
  secret?: string;
}

/** The simulated server. */
export class SimServer {
  readonly issuer: string;
  readonly audience: string;
  readonly users: readonly SimUser[] = COURSE_USERS;
  readonly keys = new KeyStore();
  readonly families = new RefreshFamilies();
  readonly denylist = new Denylist();
  readonly sessions = new Sessions();
  readonly accessLifetime: number;
  readonly refreshLifetime: number;
  readonly sessionLifetime: number;
  readonly useDenylist: boolean;
  /** What `verifyToken` requires; a lesson may change it (leeway, audiences, require). */
  policy: ClaimPolicy;
  /** The private key that opens nested JWEs sent to the API (the encrypt lesson sets it). */
  decryptionKey: string | undefined;
  readonly #log: LogLine[] = [];
  #now: number;
  #serial = 0;

  constructor(options: ServerOptions) {
    this.#now = options.now;
    this.issuer = options.issuer ?? 'https://auth.course.example';
    this.audience = options.audience ?? 'https://api.course.example';
    this.accessLifetime = options.accessLifetime ?? 300;
    this.refreshLifetime = options.refreshLifetime ?? 86400;
    this.sessionLifetime = options.sessionLifetime ?? 3600;
    this.useDenylist = options.denylist ?? false;
    this.policy = {
      issuer: this.issuer,
      audiences: [this.audience],
      leeway: 0,
      require: ['exp', 'iat'],
    };
    const secret = options.secret ?? randomSecret(32);
    this.keys.add({ kid: 'hs-1', alg: 'HS256', signing: secret, verifying: secret });
  }

  /** The server's clock. */
  get now(): number {
    return this.#now;
  }

  /** Move the server's clock on by `seconds`. */
  advance(seconds: number): void {
    this.#now += seconds;
  }

  /** Every request answered so far. */
  get log(): readonly LogLine[] {
    return this.#log;
  }

  /** A fresh identifier (`jti`, family, session): serial, so the log reads in order. */
  nextId(prefix: string): string {
    this.#serial += 1;
    return `${prefix}-${this.#serial}`;
  }

  /** The user with these credentials, if any. */
  login(username: unknown, password: unknown): SimUser | undefined {
    return this.users.find((u) => u.username === username && u.password === password);
  }

  /** Sign `claims` with the current key, adding iss, iat, exp and jti. */
  async issue(
    claims: JsonObject,
    lifetime: number,
    typ = 'JWT',
  ): Promise<{ token: string; jti: string; exp: number }> {
    const key = this.keys.current;
    const jti = typeof claims.jti === 'string' ? claims.jti : this.nextId('jti');
    const exp = this.#now + lifetime;
    const payload = { iss: this.issuer, ...claims, iat: this.#now, exp, jti };
    const token = await signToken({ alg: key.alg, typ, kid: key.kid }, payload, key.signing);
    return { token, jti, exp };
  }

  /** Verify `token` now, the denylist included. */
  async check(token: string): Promise<TokenCheck> {
    const result = await verifyToken(token, this.keys, this.policy, this.#now, this.decryptionKey);
    if (!result.ok || !this.useDenylist) return result;
    const jti = result.claims.jti;
    if (typeof jti === 'string' && this.denylist.has(jti, this.#now)) {
      result.checked.push(`refused: jti "${jti}" is on the denylist`);
      return {
        ok: false,
        reason: `jti "${jti}" was revoked`,
        pyjwt: 'InvalidTokenError',
        checked: result.checked,
      };
    }
    if (typeof jti === 'string') result.checked.push(`jti "${jti}" not on the denylist`);
    return result;
  }

  /** Add a line to the log for something on the path to the server (a proxy in between). */
  record(line: Omit<LogLine, 'at'>): void {
    this.#log.push({ at: this.#now, ...line });
  }

  /** Answer `request`, and log it. */
  async handle(request: SimRequest): Promise<SimResponse> {
    const checked: string[] = [];
    // The browser's part of SameSite: it attaches no Strict cookie to a request another site starts.
    if (request.crossSite)
      checked.push('started by another site\u2019s page: no SameSite=Strict cookie attached');
    const route = ROUTES.find((r) => r.method === request.method && r.match(request.path));
    const response = route
      ? await route.handle(this, request, checked)
      : reply(404, { error: 'not_found' });
    this.#log.push({
      at: this.#now,
      method: request.method,
      path: request.path,
      status: response.status,
      checked,
    });
    return response;
  }
}
