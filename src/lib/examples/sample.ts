/**
 * The token on the first screen: signed at load so that its times are live
 * ("expires in 59 min"), with a long random-looking demo secret so that it is
 * not itself a weak-secret example. Clearly labelled as a sample.
 */
import { jwsAlgorithm } from '../jws/algorithms';
import { prepareSigningInput, signWith } from '../jws/sign';
import type { KeyResolver } from '../keys/resolve';

/** The sample's HMAC secret (a demo value, never for real use). */
export const SAMPLE_SECRET = 'jwt-lab-demo-secret-6d1f0b9a4c7e2358ae91f04b';

/** Header and payload JSON of the sample, issued at `now`, valid for an hour. */
export function sampleJson(now: number): { header: string; payload: string } {
  const header = { alg: 'HS256', typ: 'JWT' };
  const payload = {
    sub: '1234567890',
    name: 'Ada Lovelace',
    iss: 'https://issuer.example',
    aud: 'jwt-lab',
    iat: now,
    nbf: now,
    exp: now + 3600,
    scope: 'read:notes',
  };
  return { header: JSON.stringify(header, null, 2), payload: JSON.stringify(payload, null, 2) };
}

/** The signed sample token for `now`. */
export async function sampleToken(now: number, resolver: KeyResolver): Promise<string> {
  const { header, payload } = sampleJson(now);
  const input = prepareSigningInput(header, payload);
  const algorithm = jwsAlgorithm('HS256')!;
  if (!input.ok) throw new TypeError(input.error.message);
  const key = await resolver.resolve(SAMPLE_SECRET, algorithm, 'sign', { secretEncoding: 'utf8' });
  const token = await signWith(input.value, algorithm, key);
  if (!token.ok) throw new TypeError(token.error.message);
  return token.value;
}
