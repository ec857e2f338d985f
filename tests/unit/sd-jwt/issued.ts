/**
 * What the issuing and presenting tests share: a payload with nested and
 * array claims, an issuer key (ES256, signed through the page's signing
 * path), and the page's reader (the decoder's SD-JWT seam, then
 * `inspectSdJwt`).
 */
import { exportJWK, generateKeyPair } from 'jose';
import { KeyResolver } from '../../../src/lib/keys/resolve';
import { decodeTokenText } from '../../../src/lib/check/sd-jwt-decode';
import {
  disclosureTree,
  inspectSdJwt,
  issueSdJwt,
  type SdIssueRequest,
} from '../../../src/lib/sd-jwt';

export const PAYLOAD = {
  iss: 'https://issuer.example.com',
  iat: 1683000000,
  sub: 'user_42',
  given_name: 'John',
  family_name: 'Doe',
  address: { street_address: '123 Main St', locality: 'Anytown', country: 'US' },
  nationalities: ['US', 'DE'],
};
export const MARKS = [
  'given_name',
  'family_name',
  'address',
  'address.street_address',
  'nationalities[1]',
];
export const NOW = 1_700_000_000;

export const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
const ISSUER_KEY = JSON.stringify(await exportJWK(privateKey));
export const resolver = new KeyResolver();
export const signing = {
  headerText: '{"alg":"ES256","typ":"example+sd-jwt"}',
  keyText: ISSUER_KEY,
  secretEncoding: 'utf8' as const,
  resolver,
};

export async function issue(request: Partial<SdIssueRequest> = {}) {
  const issued = await issueSdJwt({ payload: PAYLOAD, marks: MARKS, ...request }, signing);
  if (!issued.ok) throw new Error(issued.error.message);
  return issued.value;
}

/** Read a token as the page does: decode it, then inspect the presentation. */
export async function read(token: string) {
  const { decoded, sdJwt } = decodeTokenText(token);
  if (!decoded.ok || decoded.value.kind !== 'jws' || !sdJwt) throw new Error('not an SD-JWT');
  const facts = await inspectSdJwt(sdJwt, decoded.value.payload, resolver, decoded.value.header);
  return { parts: sdJwt, facts, payload: decoded.value.payload };
}

export async function tree(token: string) {
  const t = await disclosureTree(token);
  if (!t.ok) throw new Error(t.error.message);
  return t.value;
}
