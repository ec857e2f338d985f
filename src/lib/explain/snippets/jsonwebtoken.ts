/** Node with jsonwebtoken 9: verify (and sign) with the page's settings. */
import { isHmac, leewayOf, lit, required, type SnippetGenerator } from './types';

/** jsonwebtoken: verify with an algorithm allow-list, issuer, audience and tolerance. */
export const jsonwebtokenSnippet: SnippetGenerator = (input) => {
  const key = isHmac(input.alg)
    ? 'const key = process.env.JWT_SECRET;'
    : '// jsonwebtoken takes a PEM (export the JWKS key as SPKI PEM first).\nconst key = process.env.JWT_PUBLIC_KEY;';
  const options = [`algorithms: [${lit(input.alg)}]`];
  if (input.issuer) options.push(`issuer: ${lit(input.issuer)}`);
  if (input.audience) options.push(`audience: ${lit(input.audience)}`);
  options.push(`clockTolerance: ${leewayOf(input)}`);
  const req = required(input);
  const code = `// npm install jsonwebtoken
import jwt from 'jsonwebtoken';

${key}

/** The claims, or a thrown TokenExpiredError / NotBeforeError / JsonWebTokenError. */
export function verify(token) {
  const claims = jwt.verify(token, key, {
    ${options.join(',\n    ')},
  });
  // jsonwebtoken has no required-claims option: check them yourself.
  for (const name of [${req.map(lit).join(', ')}]) {
    if (claims[name] === undefined) throw new jwt.JsonWebTokenError(\`jwt missing \${name}\`);
  }
  return claims;
}

/** Make a token with the same settings. */
export function sign(claims = { sub: 'user-123' }) {
  return jwt.sign(claims, ${isHmac(input.alg) ? 'key' : 'process.env.JWT_PRIVATE_KEY'}, {
    algorithm: ${lit(input.alg)},
    expiresIn: '15m',${input.issuer ? `\n    issuer: ${lit(input.issuer)},` : ''}${input.audience ? `\n    audience: ${lit(input.audience)},` : ''}
  });
}

const token = process.argv[2];
if (token) {
  try {
    console.log(JSON.stringify(verify(token)));
  } catch (e) {
    console.error(\`\${e.name}: \${e.message}\`);
    process.exitCode = 1;
  }
}
`;
  return { code, file: 'verify.mjs', run: 'npm install jsonwebtoken && node verify.mjs "$TOKEN"' };
};
