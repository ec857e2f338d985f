/**
 * What every code snippet is generated from: the server's algorithm, how the
 * key reaches it (always a placeholder, never the key itself) and the claim
 * settings. Strings from the page are quoted with JSON.stringify, whose
 * escapes are valid in Python, JavaScript, Go and Java string literals.
 */
import { jwsAlgorithm } from '../../jws/algorithms';

/** How the snippet gets its key: an environment variable or a JWKS URL. */
export type SnippetKeyKind = 'secret' | 'public-pem' | 'jwks';

/** Everything a snippet reproduces. */
export interface SnippetInput {
  /** The one algorithm the server allows. */
  alg: string;
  keyKind: SnippetKeyKind;
  leeway: number;
  issuer: string;
  audience: string;
  requiredClaims: readonly string[];
}

/** A generated snippet and how to run it. */
export interface Snippet {
  code: string;
  /** The file name it is meant to be saved as. */
  file: string;
  /** One line: what to install and how to run. */
  run: string;
}

/** A language's generator. */
export type SnippetGenerator = (input: SnippetInput) => Snippet;

/** A string literal for Python, JavaScript, Go or Java. */
export const lit = (s: string): string => JSON.stringify(s);

/** The placeholder JWKS URL used when the key is a JWKS. */
export const JWKS_URL = 'https://issuer.example/.well-known/jwks.json';

/** True for HS256/384/512. */
export const isHmac = (alg: string): boolean => jwsAlgorithm(alg)?.family === 'HMAC';

/** The claims a snippet requires: the settings' own, plus exp (always worth requiring). */
export function required(input: SnippetInput): string[] {
  const list = [...input.requiredClaims];
  if (!list.includes('exp')) list.unshift('exp');
  return list;
}

/** The leeway as an integer number of seconds. */
export const leewayOf = (input: SnippetInput): number => Math.max(0, Math.floor(input.leeway));

/** The snippets' input for a server configured as `settings` says (never the key itself). */
export function snippetInputFor(settings: {
  algorithms: readonly string[];
  keyForm: string;
  leeway: number;
  expectedIssuer: string;
  expectedAudience: string;
  requiredClaims: readonly string[];
}): SnippetInput {
  const alg = settings.algorithms[0] ?? 'HS256';
  const form = settings.keyForm;
  const keyKind: SnippetKeyKind =
    form === 'jwks'
      ? 'jwks'
      : form === 'pem' || form === 'jwk' || !isHmac(alg)
        ? 'public-pem'
        : 'secret';
  return {
    alg,
    keyKind,
    leeway: settings.leeway,
    issuer: settings.expectedIssuer.trim(),
    audience: settings.expectedAudience.trim(),
    requiredClaims: settings.requiredClaims,
  };
}
