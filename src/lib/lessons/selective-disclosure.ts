/**
 * The selective-disclosure lesson (RFC 9901): an issuer hides claims behind
 * digests, the holder reveals only some of them and binds the presentation to
 * one verifier with a key-binding JWT. Keys and tokens are made on the spot;
 * every verdict is the page's own SD-JWT reader.
 */
import { exportJWK, generateKeyPair } from 'jose';
import { decodeTextPart, encodePart } from '../jws/base64url';
import { decodeToken } from '../jws/decode';
import { KeyResolver } from '../keys/resolve';
import { disclosureTree, generateHolderKey, issueSdJwt, presentSdJwt } from '../sd-jwt';
import { inspectSdJwt, judgeSdJwt } from '../sd-jwt/inspect';
import { splitSdJwt } from '../sd-jwt/split';
import type { DemoLine, Lesson, LessonContext, StepState } from './types';

const ISSUER = 'https://issuer.example';
const VERIFIER = 'https://verifier.example';
const OTHER_VERIFIER = 'https://shop.example';
const NONCE = 'n-0S6_WzA2Mj';

/** What the issuer knows of the holder: each member marked below becomes a disclosure. */
const CLAIMS = {
  iss: ISSUER,
  sub: 'user-42',
  given_name: 'Erika',
  family_name: 'Mustermann',
  birthdate: '1963-08-12',
  email: 'erika@example.com',
  address: { street_address: 'Heidestraße 17', locality: 'Köln', country: 'DE' },
};
const MARKS = ['given_name', 'family_name', 'birthdate', 'email', 'address'];
/** The claims revealed to the verifier. */
const REVEALED = ['given_name', 'birthdate'];

interface Issued {
  sdJwt: string;
  /** The issuer's public JWK: what a verifier holds. */
  issuerKey: string;
  holderKey: Record<string, unknown>;
}

const issued = (ctx: LessonContext) =>
  ctx.memo<Issued>('sd-issued', async () => {
    const issuer = await generateKeyPair('ES256', { extractable: true });
    const holder = await generateHolderKey();
    const made = await issueSdJwt(
      {
        payload: { ...CLAIMS, iat: ctx.now, exp: ctx.now + 86_400 },
        marks: MARKS,
        decoys: 2,
        holderJwk: holder.publicJwk as Record<string, unknown>,
      },
      {
        headerText: JSON.stringify({ alg: 'ES256', typ: 'dc+sd-jwt', kid: 'issuer-1' }),
        keyText: JSON.stringify({ ...(await exportJWK(issuer.privateKey)), kid: 'issuer-1' }),
        secretEncoding: 'utf8',
        resolver: new KeyResolver(),
      },
    );
    if (!made.ok) throw made.error;
    const issuerKey = JSON.stringify({ ...(await exportJWK(issuer.publicKey)), kid: 'issuer-1' });
    return { sdJwt: made.value.sdJwt, issuerKey, holderKey: holder.privateJwk };
  });

/** The presentation of two of the five disclosures, with or without key binding. */
const presented = (ctx: LessonContext, bound: boolean) =>
  ctx.memo(`sd-presented-${bound}`, async () => {
    const { sdJwt, holderKey } = await issued(ctx);
    const tree = await disclosureTree(sdJwt);
    if (!tree.ok) throw tree.error;
    const kb = bound ? { holderKey, aud: VERIFIER, nonce: NONCE, iat: ctx.now } : undefined;
    const chosen = tree.value.nodes.filter((node) => REVEALED.includes(node.name ?? ''));
    const made = await presentSdJwt(
      tree.value,
      chosen.map((node) => node.n),
      kb,
    );
    if (!made.ok) throw made.error;
    return made.value;
  });

/** The presentation with its birthdate disclosure rewritten by the holder. */
const tampered = async (ctx: LessonContext) => {
  const [issuerJwt, ...disclosures] = (await presented(ctx, false)).split('~');
  const forged = disclosures.map((text) => {
    if (!text) return text;
    const [salt, name] = JSON.parse(decodeTextPart(text)) as [string, string];
    return name === 'birthdate' ? encodePart(JSON.stringify([salt, name, '2009-08-12'])) : text;
  });
  return [issuerJwt, ...forged].join('~');
};

/** The token and issuer key; for a bound presentation, the verifier's audience and nonce too. */
const stateOf = async (
  ctx: LessonContext,
  token: string,
  audience?: string,
): Promise<StepState> => ({
  token,
  key: (await issued(ctx)).issuerKey,
  // Expected values apply to the key-binding JWT; without one they would judge the issuer JWT.
  expectedAudience: audience ?? '',
  expectedNonce: audience ? NONCE : '',
});

/** What a verifier ends with, by the page's own SD-JWT reader. */
async function verifierSees(
  ctx: LessonContext,
  token: string,
  audience = VERIFIER,
): Promise<DemoLine[]> {
  const parts = splitSdJwt(token);
  if (!parts.ok) throw parts.error;
  const decoded = decodeToken(parts.value.issuerJwt);
  if (!decoded.ok || decoded.value.kind !== 'jws')
    throw new Error('the issuer JWT does not decode');
  const facts = await inspectSdJwt(parts.value, decoded.value.payload as never, new KeyResolver());
  const view = judgeSdJwt(facts, {
    expectedAudience: audience,
    expectedNonce: NONCE,
    now: ctx.now,
    leeway: 0,
  });
  // In name order: the digests' order, and so the claims', changes with every issuance.
  const shown = Object.entries(view.claims ?? {})
    .filter(([name]) => !['iss', 'sub', 'iat', 'exp', 'cnf', '_sd_alg'].includes(name))
    .sort(([a], [b]) => a.localeCompare(b));
  const lines: DemoLine[] = [
    {
      tone: 'info',
      text: `The verifier sees: ${shown.map(([n, v]) => `${n} = ${JSON.stringify(v)}`).join(', ')}.`,
    },
  ];
  for (const row of view.disclosures.filter((d) => d.status !== 'matched'))
    lines.push({
      tone: 'refused',
      text: `Disclosure ${row.n} ${row.status}: ${row.message ?? ''}`,
    });
  const kb = view.kbVerdict;
  lines.push({
    tone: kb.status === 'verified' ? 'accepted' : kb.status === 'absent' ? 'info' : 'refused',
    text: `Key binding: ${kb.status} — ${kb.message}`,
  });
  return lines;
}

export const SELECTIVE_DISCLOSURE_LESSON: Lesson = {
  id: 'selective-disclosure',
  title: 'SD-JWT: reveal only what is asked',
  summary: 'Issue an SD-JWT, present two of its claims, bind it to one verifier.',
  kind: 'lesson',
  steps: [
    {
      title: 'Issue: each claim behind a digest',
      text: 'The issuer (its ES256 public key is in the key box) made five disclosures, one per personal claim: each is base64url of [salt, name, value], and the signed payload holds only their SHA-256 digests in "_sd", with two decoy digests so nobody can count the hidden claims. The token is the issuer JWT, then each disclosure, each followed by a "~".\n\nThe signature is verified; the processed claims show all five, because the holder received every disclosure. The payload also holds "cnf": the holder\u2019s public key.',
      setup: async (ctx) => stateOf(ctx, (await issued(ctx)).sdJwt),
      demo: async (ctx) => verifierSees(ctx, (await issued(ctx)).sdJwt),
    },
    {
      title: 'Present: two claims of five',
      text: 'The verifier asks for a name and an age. The holder sends the same issuer JWT with only the given_name and birthdate disclosures: the other three digests stay in the payload, but without their salt and value nobody can tell what they hide. The issuer\u2019s signature still verifies, since the issuer JWT is unchanged.',
      setup: async (ctx) => stateOf(ctx, await presented(ctx, false)),
      demo: async (ctx) => verifierSees(ctx, await presented(ctx, false)),
    },
    {
      title: 'Bind: a key-binding JWT for this verifier',
      text: 'Anyone who sees that presentation could replay it. So the holder appends a key-binding JWT (typ kb+jwt) signed with the private key whose public half is in "cnf": it names the verifier ("aud"), the verifier\u2019s "nonce" for this request, the time, and "sd_hash", the hash of the presentation it ends. The expected audience and nonce fields hold the verifier\u2019s values: the key binding reads verified.',
      setup: async (ctx) => stateOf(ctx, await presented(ctx, true), VERIFIER),
      demo: async (ctx) => verifierSees(ctx, await presented(ctx, true)),
    },
    {
      title: 'Replayed to another verifier',
      text: 'The first verifier (or a thief) sends the same presentation to a shop. The shop checks the key-binding JWT against its own identity: "aud" names another verifier, so the key binding is invalid and the presentation is refused, though the issuer\u2019s signature is fine.',
      setup: async (ctx) => stateOf(ctx, await presented(ctx, true), OTHER_VERIFIER),
      demo: async (ctx) => verifierSees(ctx, await presented(ctx, true), OTHER_VERIFIER),
    },
    {
      title: 'A rewritten disclosure',
      text: 'A holder who wants to look younger rewrites the birthdate disclosure. Its digest changes with it, and the new digest is in no "_sd" of the signed payload: the disclosure is unmatched and its claim is not shown. The issuer\u2019s signature still verifies (the issuer JWT is untouched), which is why a verifier must process the disclosures and never read claims from them directly.',
      setup: async (ctx) => stateOf(ctx, await tampered(ctx)),
      demo: async (ctx) => verifierSees(ctx, await tampered(ctx)),
    },
  ],
};
