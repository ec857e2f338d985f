/**
 * Re-signing into a JWS JSON serialization (loaded on demand, with the JSON
 * signer). The general form keeps every signature: the first (the header
 * editor's) is made again with the key box; each other one is made again too
 * when the key box is a key set holding its `kid`, and otherwise kept as it
 * was written, since its key is not here. The flattened form holds one.
 */
import { decodeTextPart, decodePart } from '../jws/base64url';
import { jwsAlgorithm } from '../jws/algorithms';
import type { JsonObject } from '../jws/decode';
import { signJwsJson, type JwsJsonSignatureMembers, type JwsJsonSigner } from '../jws/json-sign';
import type { SigningInput } from '../jws/sign';
import type { KeyResolver } from '../keys/resolve';
import type { Edit, Resigned } from './resign';
import type { KeyInput } from './types';

/** Sign into a JSON serialization, keeping the unprotected header and the other signatures. */
export async function signJson(
  edit: Edit,
  form: 'json-flattened' | 'json-general',
  input: SigningInput,
  keys: KeyInput,
  resolver: KeyResolver,
  keep: string,
): Promise<Resigned> {
  // A member now in the protected header leaves the unprotected one: the two must not share names.
  const unprotected = Object.fromEntries(
    Object.entries(edit.unprotectedHeader ?? {}).filter(([name]) => !(name in input.header)),
  );
  const first: JwsJsonSigner = {
    protectedHeader: input.header,
    ...(Object.keys(unprotected).length ? { unprotectedHeader: unprotected } : {}),
    keyText: keys.text,
  };
  const others = form === 'json-general' ? (edit.otherSignatures ?? []) : [];
  const plans = [];
  for (const members of others) plans.push(await planFor(members, keys, resolver));
  const signers = [first, ...plans.flatMap((p) => (p.signer ? [p.signer] : []))];
  const signed = await signJwsJson({
    payload: payloadBytes(input),
    signers,
    form,
    secretEncoding: keys.encoding,
    resolver,
  });
  if (!signed.ok)
    return {
      ok: true,
      token: keep,
      note: `Not re-signed: ${signed.error.message} The token was written compact with its old signature, which no longer matches.`,
    };
  const words = form === 'json-general' ? 'a general' : 'a flattened';
  if (form === 'json-flattened')
    return {
      ok: true,
      token: signed.value,
      note: `Re-signed with ${input.alg} as ${words} JSON serialization.${droppedNote(edit)}`,
    };
  // Back in the token's order: each other signature made again, or as it was.
  const json = JSON.parse(signed.value) as { payload?: string; signatures: unknown[] };
  const made = json.signatures.slice(1);
  const signatures = [
    json.signatures[0],
    ...plans.map((p) => (p.signer ? made.shift() : p.members)),
  ];
  return {
    ok: true,
    token: JSON.stringify({ ...json, signatures }, null, 2),
    note: `Re-signed with ${input.alg} as ${words} JSON serialization.${othersNote(edit, plans, json.payload)}`,
  };
}

/** One other signature: made again by the key set's key for its `kid`, or kept as written. */
interface Plan {
  members: JwsJsonSignatureMembers;
  signer?: JwsJsonSigner;
}

async function planFor(
  members: JwsJsonSignatureMembers,
  keys: KeyInput,
  resolver: KeyResolver,
): Promise<Plan> {
  const protectedHeader = readHeader(members.protected);
  if (!protectedHeader) return { members };
  const joined = { ...protectedHeader, ...members.header };
  const algorithm = typeof joined.alg === 'string' ? jwsAlgorithm(joined.alg) : undefined;
  if (!algorithm?.inBrowser || joined.kid === undefined) return { members };
  const selection = await resolver.resolve(keys.text, algorithm, 'sign', {
    secretEncoding: keys.encoding,
    kid: joined.kid,
  });
  // Only a key set's key picked by kid is this signature's own key; a lone key may be someone else's.
  if (!selection.ok || !selection.value.how.startsWith('matched kid')) return { members };
  return {
    members,
    signer: {
      protectedHeader,
      ...(members.header ? { unprotectedHeader: members.header } : {}),
      keyText: keys.text,
    },
  };
}

/** A protected header as written, decoded; undefined when absent or not an object. */
function readHeader(b64: string | undefined): JsonObject | undefined {
  if (!b64) return undefined;
  try {
    const header: unknown = JSON.parse(decodeTextPart(b64));
    return header && typeof header === 'object' && !Array.isArray(header)
      ? (header as JsonObject)
      : undefined;
  } catch {
    return undefined;
  }
}

function droppedNote(edit: Edit): string {
  const others = (edit.signatureCount ?? 1) - 1;
  if (others <= 0) return '';
  return ` The other ${others === 1 ? 'signature was' : `${others} signatures were`} dropped: the flattened form holds one signature; choose the general form to keep them.`;
}

/** What became of the other signatures: made again by their keys, or kept (still matching or not). */
function othersNote(edit: Edit, plans: Plan[], payload: string | undefined): string {
  const again = plans.flatMap((p, i) => (p.signer ? [i + 2] : []));
  const kept = plans.length - again.length;
  const list = (n: number[]) => n.join(n.length > 2 ? ', ' : ' and ');
  const plural = again.length > 1;
  const made = again.length
    ? ` Signature${plural ? 's' : ''} ${list(again)} ${plural ? 'were' : 'was'} made again too, with the key set's key${plural ? 's' : ''} matched by kid.`
    : '';
  if (kept === 0) return made;
  const which = kept === 1 ? 'signature was' : `${kept} signatures were`;
  return payload === edit.payloadMember
    ? `${made} The other ${which} kept as written; the payload did not change, so ${kept === 1 ? 'it verifies' : 'they verify'} as before.`
    : `${made} The other ${which} kept as written, but ${kept === 1 ? 'it no longer matches' : 'they no longer match'} the edited payload: the key box does not hold ${kept === 1 ? 'its key' : 'their keys'}.`;
}

/** The payload's bytes from the signing input: base64url, or as it stands under RFC 7797's `b64: false`. */
function payloadBytes(input: SigningInput): Uint8Array {
  const rest = input.signingInput.slice(input.signingInput.indexOf('.') + 1);
  return input.header.b64 === false ? new TextEncoder().encode(rest) : decodePart(rest);
}
