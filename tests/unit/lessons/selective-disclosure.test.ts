import { describe, expect, it } from 'vitest';
import { lessonById, lessonContext } from '../../../src/lib/lessons';
import { realVerdict } from '../../../src/lib/lessons/tokens';
import { decodeToken } from '../../../src/lib/jws/decode';
import { KeyResolver } from '../../../src/lib/keys/resolve';
import { inspectSdJwt, judgeSdJwt, splitSdJwt } from '../../../src/lib/sd-jwt';
import type { StepState } from '../../../src/lib/lessons';

const NOW = 1_760_000_000;

/** The page's SD-JWT view of a step's token, judged with the step's expectations. */
async function viewOf(state: StepState) {
  const parts = splitSdJwt(state.token!);
  if (!parts.ok) throw parts.error;
  const decoded = decodeToken(parts.value.issuerJwt);
  if (!decoded.ok || decoded.value.kind !== 'jws') throw new Error('not a JWS');
  const facts = await inspectSdJwt(parts.value, decoded.value.payload as never, new KeyResolver());
  const view = judgeSdJwt(facts, {
    expectedAudience: state.expectedAudience ?? '',
    expectedNonce: state.expectedNonce ?? '',
    now: NOW,
    leeway: 0,
  });
  const signature = await realVerdict(parts.value.issuerJwt, state.key!);
  return { view, signature: signature.status };
}

const personal = (claims: Record<string, unknown> | undefined) =>
  Object.keys(claims ?? {})
    .filter((k) => !['iss', 'sub', 'iat', 'exp', 'cnf', '_sd_alg'].includes(k))
    .sort();

describe('the selective-disclosure lesson', () => {
  it('issues five disclosures, presents two, binds them, and refuses a replay and a rewrite', async () => {
    const ctx = lessonContext(NOW);
    const states: StepState[] = [];
    for (const step of lessonById('selective-disclosure')!.steps)
      states.push(await step.setup(ctx));
    const [issued, presented, bound, replayed, rewritten] = await Promise.all(states.map(viewOf));

    expect(issued!.signature).toBe('verified');
    expect(personal(issued!.view.claims)).toEqual([
      'address',
      'birthdate',
      'email',
      'family_name',
      'given_name',
    ]);
    expect(issued!.view.decoys).toBe(2);
    expect(issued!.view.kbVerdict.status).toBe('absent');

    expect(presented!.signature).toBe('verified');
    expect(personal(presented!.view.claims)).toEqual(['birthdate', 'given_name']);
    expect(presented!.view.disclosures.map((d) => d.status)).toEqual(['matched', 'matched']);

    expect(bound!.view.kbVerdict.status).toBe('verified');
    expect(personal(bound!.view.claims)).toEqual(['birthdate', 'given_name']);

    expect(replayed!.view.kbVerdict.status).toBe('invalid');
    expect(replayed!.view.kbVerdict.message).toMatch(/aud/);

    expect(rewritten!.signature).toBe('verified');
    const statuses = Object.fromEntries(rewritten!.view.disclosures.map((d) => [d.name, d.status]));
    expect(statuses).toEqual({ given_name: 'matched', birthdate: 'unmatched' });
    expect(personal(rewritten!.view.claims)).toEqual(['given_name']);
  });
});
