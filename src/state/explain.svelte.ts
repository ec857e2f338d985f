/**
 * The Explain area's state, built on `lab`: the token's kind, what PyJWT,
 * jose and jsonwebtoken would answer, and the input of the code snippets.
 * Everything is derived; nothing here is an input of its own.
 */
import type { ParsedKey } from '../lib';
import { tokenType } from '../lib/explain/token-type';
import {
  predictOutcomes,
  serverAlgorithms,
  type KeyForm,
  type OutcomeSettings,
} from '../lib/explain/outcomes';
import type { SnippetInput, SnippetKeyKind } from '../lib/explain/snippets/types';
import { lab } from './lab.svelte';

// `crv` carries an AKP key's algorithm (ML-DSA-65 …), which decides its algorithm the same way.
function keyFacts(parsed: ParsedKey): { kty?: string; crv?: string } {
  if (parsed.kind === 'secret') return { kty: 'oct' };
  const facts =
    parsed.kind === 'pem' || parsed.kind === 'jwk'
      ? parsed.facts
      : parsed.kind === 'jwks'
        ? parsed.keys[0]?.facts
        : undefined;
  if (!facts) return {};
  const crv = facts.crv ?? facts.keyAlg;
  return { kty: facts.kty, ...(crv ? { crv } : {}) };
}

class Explain {
  /** The recognised key text, or nothing usable. */
  #parsed = $derived(lab.parsedKey.ok ? lab.parsedKey.value : ({ kind: 'empty' } as const));

  keyForm = $derived<KeyForm>(
    this.#parsed.kind === 'ssh' ? 'other' : (this.#parsed.kind satisfies KeyForm),
  );

  /** The algorithms a careful server allows for this key (never the token's say-so alone). */
  algorithms = $derived.by(() => {
    const alg = lab.jws?.alg ?? 'HS256';
    const { kty, crv } = keyFacts(this.#parsed);
    return serverAlgorithms(alg, kty, crv);
  });

  settings = $derived<OutcomeSettings>({
    algorithms: this.algorithms,
    leeway: Number.isFinite(lab.leeway) ? Math.max(0, lab.leeway) : 0,
    expectedIssuer: lab.expectedIssuer,
    expectedAudience: lab.expectedAudience,
    requiredClaims: lab.requiredClaims,
    now: lab.effectiveNow,
    keyForm: this.keyForm,
  });

  tokenType = $derived(lab.jws ? tokenType(lab.jws.header, lab.jws.payload) : undefined);

  /** Each library's answer; undefined while the signature is being checked, or for a JWE. */
  outcomes = $derived.by(() => {
    const signature = lab.signature;
    if (signature.status === 'checking') return undefined;
    return predictOutcomes(lab.decoded, signature, lab.claims, this.settings);
  });

  snippetInput = $derived.by<SnippetInput>(() => {
    const kind = this.#parsed.kind;
    const alg = this.algorithms[0] ?? 'HS256';
    const keyKind: SnippetKeyKind =
      kind === 'jwks'
        ? 'jwks'
        : kind === 'pem' || kind === 'jwk' || !/^HS/.test(alg)
          ? 'public-pem'
          : 'secret';
    return {
      alg,
      keyKind,
      leeway: this.settings.leeway,
      issuer: lab.expectedIssuer.trim(),
      audience: lab.expectedAudience.trim(),
      requiredClaims: lab.requiredClaims,
    };
  });
}

/** The Explain area's single state. */
export const explain = new Explain();
