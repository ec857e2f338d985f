/** Python with PyJWT 2.x: verify (and sign) with the page's settings. */
import {
  isHmac,
  JWKS_URL,
  leewayOf,
  lit,
  required,
  type SnippetGenerator,
  type SnippetInput,
} from './types';

/** The PyJWT key-loading lines and the key expression, shared with Flask and FastAPI. */
export function pyjwtKey(input: SnippetInput): { setup: string[]; key: string } {
  if (input.keyKind === 'jwks')
    return {
      setup: [`JWKS = jwt.PyJWKClient(os.environ.get("JWT_JWKS_URL", ${lit(JWKS_URL)}))`],
      key: 'JWKS.get_signing_key_from_jwt(token).key',
    };
  if (input.keyKind === 'public-pem')
    return { setup: ['PUBLIC_KEY = os.environ["JWT_PUBLIC_KEY"]  # PEM text'], key: 'PUBLIC_KEY' };
  return { setup: ['SECRET = os.environ["JWT_SECRET"]'], key: 'SECRET' };
}

/** The keyword arguments of jwt.decode for these settings. */
export function pyjwtDecodeArgs(input: SnippetInput): string[] {
  const args = [`algorithms=[${lit(input.alg)}]`];
  if (input.issuer) args.push(`issuer=${lit(input.issuer)}`);
  if (input.audience) args.push(`audience=${lit(input.audience)}`);
  args.push(`leeway=${leewayOf(input)}`);
  args.push(`options={"require": [${required(input).map(lit).join(', ')}]}`);
  return args;
}

/** PyJWT: a verify function, a sign function, and a command line. */
export const pyjwtSnippet: SnippetGenerator = (input) => {
  const { setup, key } = pyjwtKey(input);
  const signKey = isHmac(input.alg) ? 'SECRET' : 'os.environ["JWT_PRIVATE_KEY"]';
  const claims = [
    '"sub": "user-123"',
    ...(input.issuer ? [`"iss": ${lit(input.issuer)}`] : []),
    ...(input.audience ? [`"aud": ${lit(input.audience)}`] : []),
    '"iat": now',
    '"exp": now + 15 * 60',
  ];
  const code = `import os
import sys
import time

import jwt  # pip install "pyjwt[crypto]"

${setup.join('\n')}


def verify(token: str) -> dict:
    """Return the claims, or raise a jwt.PyJWTError subclass."""
    return jwt.decode(
        token,
        ${key},
        ${pyjwtDecodeArgs(input).join(',\n        ')},
    )


def sign() -> str:
    now = int(time.time())
    claims = {${claims.join(', ')}}
    return jwt.encode(claims, ${signKey}, algorithm=${lit(input.alg)})


if __name__ == "__main__":
    try:
        print(verify(sys.argv[1]))
    except jwt.PyJWTError as e:
        sys.exit(f"{type(e).__name__}: {e}")
`;
  return {
    code,
    file: 'verify.py',
    run: 'pip install "pyjwt[crypto]" && python verify.py "$TOKEN"',
  };
};
