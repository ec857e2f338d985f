/** Node with jose 6: verify (and sign) with the page's settings; runs as `node verify.mjs TOKEN`. */
import { isHmac, JWKS_URL, leewayOf, lit, required, type SnippetGenerator } from './types';

/** jose: jwtVerify with an allow-list, issuer, audience, tolerance and required claims. */
export const joseSnippet: SnippetGenerator = (input) => {
  const imports = ['jwtVerify', 'SignJWT'];
  let keyLine: string;
  if (input.keyKind === 'jwks') {
    imports.push('createRemoteJWKSet');
    keyLine = `const key = createRemoteJWKSet(new URL(process.env.JWT_JWKS_URL ?? ${lit(JWKS_URL)}));`;
  } else if (input.keyKind === 'public-pem') {
    imports.push('importSPKI');
    keyLine = `const key = await importSPKI(process.env.JWT_PUBLIC_KEY, ${lit(input.alg)}); // PEM text`;
  } else keyLine = 'const key = new TextEncoder().encode(process.env.JWT_SECRET);';
  const options = [`algorithms: [${lit(input.alg)}]`];
  if (input.issuer) options.push(`issuer: ${lit(input.issuer)}`);
  if (input.audience) options.push(`audience: ${lit(input.audience)}`);
  options.push(`clockTolerance: ${leewayOf(input)}`);
  options.push(`requiredClaims: [${required(input).map(lit).join(', ')}]`);
  const signKey = isHmac(input.alg)
    ? 'new TextEncoder().encode(process.env.JWT_SECRET)'
    : `await importPKCS8(process.env.JWT_PRIVATE_KEY, ${lit(input.alg)})`;
  if (!isHmac(input.alg)) imports.push('importPKCS8');
  const chain = [
    ...(input.issuer ? [`.setIssuer(${lit(input.issuer)})`] : []),
    ...(input.audience ? [`.setAudience(${lit(input.audience)})`] : []),
  ];
  const code = `// npm install jose
import { ${imports.sort().join(', ')} } from 'jose';

${keyLine}

/** The claims, or a thrown JOSEError (e.code is ERR_JWT_EXPIRED, ERR_JWS_SIGNATURE_VERIFICATION_FAILED …). */
export async function verify(token) {
  const { payload } = await jwtVerify(token, key, {
    ${options.join(',\n    ')},
  });
  return payload;
}

/** Make a token with the same settings (needs the secret or the private key). */
export async function sign(claims = { sub: 'user-123' }) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ${lit(input.alg)}, typ: 'JWT' })
    .setIssuedAt()${chain.length ? `\n    ${chain.join('\n    ')}` : ''}
    .setExpirationTime('15m')
    .sign(${signKey});
}

const token = process.argv[2];
if (token) {
  try {
    console.log(JSON.stringify(await verify(token)));
  } catch (e) {
    console.error(\`\${e.code ?? e.name}: \${e.message}\`);
    process.exitCode = 1;
  }
}
`;
  return { code, file: 'verify.mjs', run: 'npm install jose && node verify.mjs "$TOKEN"' };
};
