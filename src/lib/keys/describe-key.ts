/**
 * A recognised key in words, for the key box's label and for saying which key
 * a signature was checked with: "RSA public key, 2048 bits, SPKI PEM".
 */
import type { KeyFacts, ParsedKey, PemKey } from './types';
import { secretBytes, type SecretEncoding } from './secret';

const FORM_WORDS: Record<PemKey['form'], string> = {
  spki: 'SPKI PEM',
  'pkcs1-public': 'PKCS#1 PEM',
  pkcs8: 'PKCS#8 PEM',
  'pkcs1-private': 'PKCS#1 PEM',
  sec1: 'SEC1 PEM',
  x509: 'X.509 certificate',
};

/** A one-line description of a recognised key, for the key box's label. */
export function describeKey(parsed: ParsedKey, secretEncoding: SecretEncoding = 'utf8'): string {
  switch (parsed.kind) {
    case 'empty':
      return 'No key';
    case 'secret': {
      const bytes = secretBytes(parsed.text, secretEncoding);
      return bytes.ok
        ? `HMAC secret, ${bytes.value.length} bytes`
        : 'HMAC secret (not valid in the chosen encoding)';
    }
    case 'ssh':
      return `OpenSSH public key (${parsed.type})`;
    case 'pem':
      return `${factsWords(parsed.facts)}, ${FORM_WORDS[parsed.form]}`;
    case 'jwk':
      return `${factsWords(parsed.facts)} JWK${parsed.facts.kid ? `, kid "${parsed.facts.kid}"` : ''}`;
    case 'jwks': {
      const keys = `${parsed.keys.length} key${parsed.keys.length === 1 ? '' : 's'}`;
      if (parsed.from === 'pem-map') return `Key map (kid → PEM), ${keys}`;
      if (parsed.from === 'pem-blocks') return `PEM blocks, ${keys}`;
      return `JWKS, ${keys}`;
    }
  }
}

function factsWords(f: KeyFacts): string {
  const half = f.kty === 'oct' ? 'secret' : f.isPrivate ? 'private key' : 'public key';
  if (f.kty === 'RSA') return `RSA${f.rsaPss ? '-PSS' : ''} ${half}, ${f.bits} bits`;
  if (f.kty === 'EC') return `EC ${f.crv} ${half}`;
  if (f.kty === 'OKP') return `${f.crv} ${half}`;
  if (f.kty === 'AKP') return `${f.keyAlg} ${half}`;
  return `Symmetric secret, ${f.bits} bits`;
}
