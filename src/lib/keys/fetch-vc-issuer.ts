/**
 * An SD-JWT VC issuer's keys, from its JWT VC Issuer Metadata
 * (draft-ietf-oauth-sd-jwt-vc §5): `/.well-known/jwt-vc-issuer` inserted
 * between the host and the path of `iss`, a JSON object whose `issuer` must
 * be `iss` itself and which holds its JWKS inline (`jwks`) or names it
 * (`jwks_uri`), never both. Fetched through the JWKS fetcher's session (its
 * size cap, deadline, cancel and redirect report), on the person's click only.
 */
import { fail, ok, type Result } from '../errors';
import type { FetchSession } from './fetch-body';
import { jwksOf, place, readJson, redirectWarnings, type FetchedKeys } from './fetch-read';

/** The well-known path of the metadata (draft-ietf-oauth-sd-jwt-vc §5.1). */
export const VC_WELL_KNOWN = '/.well-known/jwt-vc-issuer';

/** The metadata URL for an issuer: `https://example.com/tenant/1` → `https://example.com/.well-known/jwt-vc-issuer/tenant/1`. */
export function vcIssuerMetadataUrl(issuer: string): string {
  const url = new URL(issuer);
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = `${VC_WELL_KNOWN}${path}`;
  url.search = '';
  url.hash = '';
  return url.toString();
}

/** Fetch the metadata of the issuer `iss`, then its keys. */
export async function fromVcIssuer(iss: URL, session: FetchSession): Promise<Result<FetchedKeys>> {
  const issuer = iss.href;
  const metadataUrl = vcIssuerMetadataUrl(issuer);
  const answer = await session.get(metadataUrl);
  if (!answer.ok) return answer;
  const metadata = readJson(answer.value);
  if (!metadata.ok) return metadata;
  const { jwks, jwks_uri: uri } = metadata.value;
  const named = metadata.value['issuer'];
  const steps = [`read the JWT VC Issuer Metadata at ${place(answer.value)}`];
  const warnings = redirectWarnings(answer.value, 'metadata');
  if (typeof named !== 'string' || !sameIssuer(named, issuer))
    return fail(
      'ERR_FETCH_DISCOVERY',
      `The metadata at ${answer.value.url} has "issuer": ${JSON.stringify(named ?? null)}, not the token's "iss" (${issuer}): it must be identical, or these keys are some other issuer's (draft-ietf-oauth-sd-jwt-vc §5.3).`,
    );
  if (jwks !== undefined && uri !== undefined)
    return fail(
      'ERR_FETCH_DISCOVERY',
      `The metadata at ${answer.value.url} has both "jwks" and "jwks_uri": it must have one, not both (draft-ietf-oauth-sd-jwt-vc §5.2).`,
    );
  if (jwks !== undefined) {
    const inline =
      jwks !== null && typeof jwks === 'object' ? (jwks as Record<string, unknown>) : {};
    const keys = jwksOf({ ...answer.value, text: JSON.stringify(jwks) }, inline);
    if (!keys.ok) return keys;
    return ok({
      ...keys.value,
      via: 'vc-issuer',
      steps: [...steps, 'took the JWKS it holds ("jwks")'],
      warnings,
    });
  }
  let target: URL;
  try {
    if (typeof uri !== 'string') throw new TypeError('not a string');
    target = new URL(uri, answer.value.url);
    if (target.protocol !== 'https:' && target.protocol !== 'http:') throw new TypeError('scheme');
  } catch {
    return fail(
      'ERR_FETCH_DISCOVERY',
      uri === undefined
        ? `The metadata at ${answer.value.url} has neither "jwks" nor "jwks_uri": it names no keys (draft-ietf-oauth-sd-jwt-vc §5.2).`
        : `The metadata at ${answer.value.url} has "jwks_uri": ${JSON.stringify(uri)}, which is not an http(s) URL.`,
    );
  }
  const keysAnswer = await session.get(target.toString());
  if (!keysAnswer.ok) return keysAnswer;
  const document = readJson(keysAnswer.value);
  if (!document.ok) return document;
  const keys = jwksOf(keysAnswer.value, document.value);
  if (!keys.ok) return keys;
  return ok({
    ...keys.value,
    via: 'vc-issuer',
    steps: [
      ...steps,
      `followed its jwks_uri to ${place(keysAnswer.value)}`,
      ...keys.value.steps.slice(1),
    ],
    warnings: [...warnings, ...keys.value.warnings],
  });
}

/** The same issuer: a final slash aside (a URL parser adds one to a bare origin). */
const sameIssuer = (a: string, b: string) => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
