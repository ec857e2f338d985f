/**
 * A resource server's DPoP check (RFC 9449 §4.3 and §7) in Node with jose:
 * the page's own DPoP checks, written as a server would run them. Runs as
 * `node dpop.mjs PROOF METHOD URL ACCESS_TOKEN`; tests/unit/explain run it.
 */
import type { Snippet } from './types';

const CODE = `// npm install jose
import { createHash } from 'node:crypto';
import { base64url, calculateJwkThumbprint, decodeJwt, EmbeddedJWK, jwtVerify } from 'jose';

/** jti values already accepted, until they expire (one process: share it between instances). */
const seen = new Map();

const fail = (check, message) => Object.assign(new Error(message), { code: check });

/** The URL as RFC 9449 §4.3 compares it: normalised, without query or fragment. */
function comparable(text) {
  const url = new URL(text);
  url.search = '';
  url.hash = '';
  return url.href;
}

/**
 * Check the DPoP proof sent with a request; throws an Error whose code names the
 * failed check. Verify the access token itself as usual (issuer key, exp, aud) first.
 */
export async function checkDpop(proof, { method, url, accessToken, maxAgeSeconds = 300 }) {
  // The proof is verified with its own "jwk" header, which must be a public key:
  // that is right for DPoP, because the authority comes from the token's cnf.jkt below.
  const { payload, protectedHeader } = await jwtVerify(proof, EmbeddedJWK, {
    typ: 'dpop+jwt',
    algorithms: ['ES256', 'ES384', 'EdDSA', 'Ed25519', 'PS256', 'RS256'],
    maxTokenAge: maxAgeSeconds, // needs "iat", refuses an old proof
    clockTolerance: 5,
  });
  if (typeof payload.jti !== 'string' || payload.jti === '') throw fail('jti', 'no "jti"');
  if (payload.htm !== method) throw fail('htm', \`"htm" is \${payload.htm}, the request is \${method}\`);
  let htu;
  try {
    htu = comparable(payload.htu);
  } catch {
    throw fail('htu', '"htu" is not a URL');
  }
  if (htu !== comparable(url)) throw fail('htu', \`"htu" is \${htu}, the request went to \${comparable(url)}\`);
  const ath = base64url.encode(createHash('sha256').update(accessToken).digest());
  if (payload.ath !== ath) throw fail('ath', '"ath" is not the hash of the access token sent');
  const jkt = await calculateJwkThumbprint(protectedHeader.jwk, 'sha256');
  if (decodeJwt(accessToken).cnf?.jkt !== jkt)
    throw fail('jkt', "the proof's key is not the one the access token is bound to (cnf.jkt)");
  const now = Math.floor(Date.now() / 1000);
  for (const [jti, until] of seen) if (until < now) seen.delete(jti);
  if (seen.has(payload.jti)) throw fail('jti', 'this proof was used before');
  seen.set(payload.jti, payload.iat + maxAgeSeconds);
  return payload;
}

const [proof, method, url, accessToken] = process.argv.slice(2);
if (proof) {
  try {
    await checkDpop(proof, { method, url, accessToken });
    console.log('valid');
  } catch (e) {
    console.error(\`\${e.code ?? e.name}: \${e.message}\`);
    process.exitCode = 1;
  }
}
`;

/** The snippet: the same for every proof (the request comes from the command line). */
export const DPOP_SNIPPET: Snippet = {
  code: CODE,
  file: 'dpop.mjs',
  run: 'npm install jose && node dpop.mjs "$PROOF" GET https://api.example/orders "$ACCESS_TOKEN"',
};
