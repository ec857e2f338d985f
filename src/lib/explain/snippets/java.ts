/** Java with jjwt 0.12: parse with the page's settings. */
import { isHmac, leewayOf, lit, required, type SnippetGenerator } from './types';

/** jjwt 0.12: Jwts.parser() with verifyWith, requireIssuer, requireAudience and clock skew. */
export const javaSnippet: SnippetGenerator = (input) => {
  const hmac = isHmac(input.alg);
  const kf = /^(RS|PS)/.test(input.alg) ? 'RSA' : /^ES/.test(input.alg) ? 'EC' : 'Ed25519';
  const keyCode = hmac
    ? `        SecretKey key = Keys.hmacShaKeyFor(System.getenv("JWT_SECRET").getBytes(StandardCharsets.UTF_8));`
    : `        // The public key as SPKI PEM text (export a JWKS key as PEM first).
        String pem = System.getenv("JWT_PUBLIC_KEY").replaceAll("-----[A-Z ]+-----", "").replaceAll("\\\\s", "");
        PublicKey key = KeyFactory.getInstance(${lit(kf)})
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));`;
  const chain = ['Jwts.parser()', '.verifyWith(key)'];
  if (input.issuer) chain.push(`.requireIssuer(${lit(input.issuer)})`);
  if (input.audience) chain.push(`.requireAudience(${lit(input.audience)})`);
  if (leewayOf(input)) chain.push(`.clockSkewSeconds(${leewayOf(input)})`);
  chain.push('.build()');
  const imports = hmac
    ? [
        'java.nio.charset.StandardCharsets',
        'javax.crypto.SecretKey',
        'io.jsonwebtoken.security.Keys',
      ]
    : [
        'java.security.KeyFactory',
        'java.security.PublicKey',
        'java.security.spec.X509EncodedKeySpec',
        'java.util.Base64',
      ];
  const code = `// Maven: io.jsonwebtoken:jjwt-api, jjwt-impl and jjwt-jackson 0.12.x
${[
  ...imports,
  'io.jsonwebtoken.Claims',
  'io.jsonwebtoken.Jws',
  'io.jsonwebtoken.JwtException',
  'io.jsonwebtoken.Jwts',
  'java.util.List',
]
  .map((i) => `import ${i};`)
  .join('\n')}

public class VerifyJwt {
    static Claims verify(String token) throws Exception {
${keyCode}
        Jws<Claims> jws = ${chain.join('\n                ')}
                .parseSignedClaims(token);
        // jjwt accepts whatever algorithm the key fits: pin the one you expect.
        if (!${lit(input.alg)}.equals(jws.getHeader().getAlgorithm())) {
            throw new JwtException("unexpected alg " + jws.getHeader().getAlgorithm());
        }
        Claims claims = jws.getPayload();
        for (String name : List.of(${required(input).map(lit).join(', ')})) {
            if (claims.get(name) == null) {
                throw new JwtException("missing required claim " + name);
            }
        }
        return claims;
    }

    public static void main(String[] args) throws Exception {
        try {
            System.out.println(verify(args[0]));
        } catch (JwtException e) {
            System.err.println(e.getClass().getSimpleName() + ": " + e.getMessage());
            System.exit(1);
        }
    }
}
`;
  return {
    code,
    file: 'VerifyJwt.java',
    run: 'java -cp "jjwt-api.jar:jjwt-impl.jar:jjwt-jackson.jar:." VerifyJwt.java "$TOKEN"',
  };
};
