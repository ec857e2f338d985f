/** Go with github.com/golang-jwt/jwt/v5: parse with the page's settings. */
import { isHmac, leewayOf, lit, required, type SnippetGenerator } from './types';

/** golang-jwt v5: ParseWithClaims with parser options. */
export const goSnippet: SnippetGenerator = (input) => {
  const alg = input.alg;
  const parse = /^(RS|PS)/.test(alg)
    ? 'jwt.ParseRSAPublicKeyFromPEM'
    : /^ES/.test(alg)
      ? 'jwt.ParseECPublicKeyFromPEM'
      : 'jwt.ParseEdPublicKeyFromPEM';
  const keyFunc = isHmac(alg)
    ? `	key := []byte(os.Getenv("JWT_SECRET"))`
    : `	// The public key as PEM text (export a JWKS key as SPKI PEM first).
	key, err := ${parse}([]byte(os.Getenv("JWT_PUBLIC_KEY")))
	if err != nil {
		return nil, err
	}`;
  const opts = [`jwt.WithValidMethods([]string{${lit(alg)}})`, 'jwt.WithExpirationRequired()'];
  if (input.issuer) opts.push(`jwt.WithIssuer(${lit(input.issuer)})`);
  if (input.audience) opts.push(`jwt.WithAudience(${lit(input.audience)})`);
  if (leewayOf(input)) opts.push(`jwt.WithLeeway(${leewayOf(input)} * time.Second)`);
  opts.push('jwt.WithIssuedAt()');
  const extra = required(input).filter((c) => c !== 'exp');
  const code = `package main

// go get github.com/golang-jwt/jwt/v5

import (
	"fmt"
	"os"${leewayOf(input) ? '\n	"time"' : ''}

	"github.com/golang-jwt/jwt/v5"
)

func verify(token string) (jwt.MapClaims, error) {
${keyFunc}
	claims := jwt.MapClaims{}
	_, err${isHmac(alg) ? ' :' : ' '}= jwt.ParseWithClaims(token, claims, func(t *jwt.Token) (interface{}, error) {
		return key, nil
	},
		${opts.join(',\n		')},
	)
	if err != nil {
		return nil, err
	}
	for _, name := range []string{${extra.map(lit).join(', ')}} {
		if _, ok := claims[name]; !ok {
			return nil, fmt.Errorf("token is missing the %q claim", name)
		}
	}
	return claims, nil
}

func main() {
	claims, err := verify(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(claims)
}
`;
  return {
    code,
    file: 'main.go',
    run: 'go mod init verify && go get github.com/golang-jwt/jwt/v5 && go run . "$TOKEN"',
  };
};
