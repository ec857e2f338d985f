/**
 * Fetching a JWKS when the person presses the button: from a JWKS URL, or from
 * an issuer through OpenID Connect Discovery (`/.well-known/openid-configuration`,
 * then its `jwks_uri`). The fetch function is injected, so every failure is
 * unit-tested in node without a network; each failure says what to do next.
 */
import { fail, ok, type Result } from '../errors';
import { openSession, type FetchedBody, type FetchLimits, type FetchSession } from './fetch-body';
import { jwksOf, place, readJson, redirectWarnings, type FetchedKeys } from './fetch-read';
import { fromVcIssuer } from './fetch-vc-issuer';

export type { FetchedKeys } from './fetch-read';
export { vcIssuerMetadataUrl, VC_WELL_KNOWN } from './fetch-vc-issuer';
export {
  FETCH_BODY_LIMIT,
  FETCH_TIMEOUT_MS,
  type FetchInit,
  type FetchLike,
  type FetchResponseLike,
} from './fetch-body';

/**
 * What the URL is expected to hold. `auto`: a JWKS, a discovery document, or an issuer;
 * `vc-issuer`: an SD-JWT VC issuer, whose `/.well-known/jwt-vc-issuer` metadata names its keys.
 */
export type FetchKind = 'auto' | 'jwks' | 'x5u' | 'vc-issuer';

/** How to fetch: what the URL holds, and the bounds of fetch-body.ts. */
export interface FetchJwksOptions extends FetchLimits {
  kind?: FetchKind;
}

/** RFC 8414 §3 / OpenID Connect Discovery §4: the document's path under the issuer. */
export const WELL_KNOWN = '/.well-known/openid-configuration';

/** The discovery document URL for an issuer (OpenID Connect Discovery §4.1). */
export function discoveryUrl(issuer: string): string {
  const url = new URL(issuer);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${WELL_KNOWN}`;
  url.search = '';
  url.hash = '';
  return url.toString();
}

/** Check the URL the person typed: http(s) only, with words when it is not. */
export function checkUrl(text: string): Result<URL> {
  const trimmed = text.trim();
  if (trimmed === '')
    return fail('ERR_FETCH_URL', 'Type a JWKS URL or an issuer URL (https://…) first.');
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return fail(
      'ERR_FETCH_URL',
      `"${trimmed}" is not a full URL: it must start with https:// (for example https://issuer.example/.well-known/jwks.json).`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return fail(
      'ERR_FETCH_URL',
      `Only https:// (or http://) URLs can be fetched, not ${url.protocol}.`,
    );
  return ok(url);
}

/** Fetch the keys at `input`: a JWKS, a discovery document, or an issuer (then discovery). */
export async function fetchJwks(
  input: string,
  options: FetchJwksOptions,
): Promise<Result<FetchedKeys>> {
  const url = checkUrl(input);
  if (!url.ok) return url;
  const session = openSession(options);
  try {
    return await fetchFrom(url.value, options.kind ?? 'auto', session);
  } finally {
    session.close();
  }
}

async function fetchFrom(
  url: URL,
  kind: FetchKind,
  session: FetchSession,
): Promise<Result<FetchedKeys>> {
  if (kind === 'vc-issuer') return fromVcIssuer(url, session);
  const href = url.toString();
  const first = await session.get(href);
  if (kind === 'x5u') {
    if (!first.ok) return first;
    if (!first.value.text.includes('-----BEGIN CERTIFICATE-----'))
      return fail(
        'ERR_FETCH_NO_KEYS',
        `${first.value.url} did not answer with a PEM certificate (x5u must name an X.509 chain in PEM, RFC 7515 §4.1.5).`,
      );
    return ok({
      keyText: first.value.text,
      keysUrl: first.value.url,
      via: 'x5u',
      steps: [`read the certificates at ${place(first.value)}`],
      warnings: redirectWarnings(first.value, 'certificates'),
    });
  }
  if (!first.ok) return kind === 'auto' ? asIssuer(url, first, session) : first;
  const document = readJson(first.value);
  if (!document.ok) return kind === 'auto' ? asIssuer(url, document, session) : document;
  const keys = jwksOf(first.value, document.value);
  if (keys.ok || kind !== 'auto') return keys;
  if ('jwks_uri' in document.value)
    return followDiscovery(first.value, document.value, session, []);
  return url.pathname.endsWith(WELL_KNOWN) ? keys : asIssuer(url, keys, session);
}

// Network, timeout, cancel, too large: asking again at another path cannot help.
const FINAL = [
  'ERR_FETCH_NETWORK',
  'ERR_FETCH_TIMEOUT',
  'ERR_FETCH_ABORTED',
  'ERR_FETCH_TOO_LARGE',
];

/** Not a JWKS: perhaps an issuer, whose discovery document names the JWKS. */
async function asIssuer(
  url: URL,
  firstError: Extract<Result<never>, { ok: false }>,
  session: FetchSession,
): Promise<Result<FetchedKeys>> {
  if (FINAL.includes(firstError.error.code)) return firstError;
  const wellKnown = discoveryUrl(url.toString());
  const discovered = await session.get(wellKnown);
  const config = discovered.ok ? readJson(discovered.value) : discovered;
  if (!discovered.ok || !config.ok || typeof config.value.jwks_uri === 'undefined')
    return fail(
      firstError.error.code,
      `${firstError.error.message} It is not an issuer either: ${config.ok ? `${wellKnown} has no "jwks_uri".` : config.error.message}`,
    );
  const steps = [`${url} is not a JWKS, so it was read as an issuer`];
  return followDiscovery(discovered.value, config.value, session, steps);
}

async function followDiscovery(
  configAnswer: FetchedBody,
  config: Record<string, unknown>,
  session: FetchSession,
  steps: string[],
): Promise<Result<FetchedKeys>> {
  const uri = config.jwks_uri;
  const configUrl = configAnswer.url;
  let target: URL;
  try {
    if (typeof uri !== 'string') throw new TypeError('not a string');
    // Relative to where the document really came from, as a browser resolves it.
    target = new URL(uri, configUrl);
    if (target.protocol !== 'https:' && target.protocol !== 'http:') throw new TypeError('scheme');
  } catch {
    return fail(
      'ERR_FETCH_DISCOVERY',
      `The discovery document at ${configUrl} has "jwks_uri": ${JSON.stringify(uri)}, which is not an http(s) URL.`,
    );
  }
  steps.push(`read the discovery document at ${place(configAnswer)}`);
  if (typeof config.issuer === 'string' && !sameIssuer(config.issuer, configAnswer.requested))
    steps.push(
      `its "issuer" is ${config.issuer}, which does not match where it was found (OpenID Connect Discovery §4.3 requires them to match)`,
    );
  const answer = await session.get(target.toString());
  if (!answer.ok) return answer;
  const document = readJson(answer.value);
  if (!document.ok) return document;
  const keys = jwksOf(answer.value, document.value);
  if (!keys.ok) return keys;
  // jwksOf's first step says "read the JWKS at"; here it was found through the document.
  steps.push(`followed its jwks_uri to ${place(answer.value)}`, ...keys.value.steps.slice(1));
  return ok({
    ...keys.value,
    via: 'discovery',
    steps,
    warnings: [...redirectWarnings(configAnswer, 'discovery document'), ...keys.value.warnings],
  });
}

function sameIssuer(issuer: string, configUrl: string): boolean {
  try {
    return discoveryUrl(issuer) === configUrl;
  } catch {
    return false;
  }
}

/** The token's `iss` when it is an http(s) URL: offered as a suggestion, never fetched by itself. */
export function issuerSuggestion(payload: unknown): string | undefined {
  const iss = (payload as { iss?: unknown } | undefined)?.iss;
  return typeof iss === 'string' && checkUrl(iss).ok ? iss : undefined;
}
