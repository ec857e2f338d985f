/**
 * The simulated server's vocabulary: requests and responses as plain typed
 * values (no DOM, no fetch), and one log line per request saying what the
 * server looked at. The course lessons drive a `SimServer` with these.
 */

/** The methods the simulated server answers. */
export type Method = 'GET' | 'POST';

/** A request as a browser (or an attacker) would send it. */
export interface SimRequest {
  method: Method;
  path: string;
  /** Request headers, names in lower case (`authorization`, `x-csrf-token`). */
  headers?: Readonly<Record<string, string>>;
  /** Cookies the browser attached (it attaches none it was told to keep same-site on a cross-site request). */
  cookies?: Readonly<Record<string, string>>;
  /** A JSON body. */
  body?: Readonly<Record<string, unknown>>;
  /** Sent from another site's page (a forged form or fetch). */
  crossSite?: boolean;
}

/** A `Set-Cookie` header, as fields. */
export interface SetCookie {
  name: string;
  value: string;
  httpOnly: boolean;
  secure: boolean;
  sameSite: 'Strict' | 'Lax' | 'None';
  path: string;
  /** Seconds; 0 deletes the cookie. */
  maxAge: number;
}

/** A response: status, headers, cookies set and a JSON body. */
export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  setCookies: SetCookie[];
  body: Record<string, unknown>;
}

/** One line of the server's log: the request, its status and what was checked, in order. */
export interface LogLine {
  /** The server's clock when it answered (seconds since the epoch). */
  at: number;
  method: Method;
  path: string;
  status: number;
  checked: string[];
}

/** A user of the simulated server. */
export interface SimUser {
  username: string;
  password: string;
  role: 'user' | 'admin';
  /** OAuth scopes granted (RFC 6749 §3.3), as a list. */
  scope: readonly string[];
  tenant: string;
}

/** How a login hands the access token over. */
export type Delivery = 'body' | 'header' | 'cookie';

/** The log line's text: `POST /login → 200 · checked …`. */
export function logText(line: LogLine): string {
  const checked = line.checked.length ? ` · ${line.checked.join('; ')}` : '';
  return `${line.method} ${line.path} → ${line.status}${checked}`;
}

/** The `Set-Cookie` header text for `cookie`. */
export function setCookieText(cookie: SetCookie): string {
  return [
    `${cookie.name}=${cookie.value}`,
    `Path=${cookie.path}`,
    `Max-Age=${cookie.maxAge}`,
    cookie.httpOnly ? 'HttpOnly' : '',
    cookie.secure ? 'Secure' : '',
    `SameSite=${cookie.sameSite}`,
  ]
    .filter(Boolean)
    .join('; ');
}
