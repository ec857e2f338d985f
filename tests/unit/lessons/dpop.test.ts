import { describe, expect, it } from 'vitest';
import { lessonById, lessonContext } from '../../../src/lib/lessons';
import { realVerdict } from '../../../src/lib/lessons/tokens';
import { decodeToken } from '../../../src/lib/jws/decode';
import { KeyResolver } from '../../../src/lib/keys/resolve';
import { dpopFacts, judgeDpop } from '../../../src/lib/profiles';
import type { StepState } from '../../../src/lib/lessons';

const NOW = 1_760_000_000;

/** The page's DPoP verdict for a step's state, as the DPoP panel computes it. */
async function dpopVerdict(state: StepState) {
  const decoded = decodeToken(state.token!);
  if (!decoded.ok || decoded.value.kind !== 'jws') throw new Error('not a JWS');
  const facts = await dpopFacts(decoded.value, state.dpop!.accessToken, new KeyResolver());
  return judgeDpop(decoded.value, facts, {
    ...state.dpop!,
    nonce: '',
    now: NOW,
    leeway: 0,
  });
}

describe('the DPoP lesson', () => {
  it('binds the token to the client key: the client passes, both thefts fail as the text says', async () => {
    const lesson = lessonById('dpop')!;
    const ctx = lessonContext(NOW);
    const states = [];
    const demos = [];
    for (const step of lesson.steps) {
      states.push(await step.setup(ctx));
      demos.push(step.demo ? (await step.demo(ctx)).map((l) => l.text).join('\n') : '');
    }
    // 1: the access token verifies with the authorization server's key and carries cnf.jkt.
    expect((await realVerdict(states[0]!.token!, states[0]!.key!)).status).toBe('verified');
    const claims = JSON.parse(
      Buffer.from(states[0]!.token!.split('.')[1]!, 'base64url').toString(),
    );
    expect(claims.cnf.jkt).toMatch(/^[\w-]{43}$/);
    // 2: the client's proof passes every check.
    expect((await dpopVerdict(states[1]!)).status).toBe('valid');
    expect(demos[1]).toMatch(/^Resource server: 200 OK/);
    // 3: the thief's own proof fails only on the key binding.
    const thief = await dpopVerdict(states[2]!);
    expect(thief.failed.map((c) => c.id)).toEqual(['jkt']);
    expect(demos[2]).toMatch(/401 invalid_dpop_proof[\s\S]*jkt:/);
    // 4: the client's proof replayed for another request fails on htm and htu.
    const replay = await dpopVerdict(states[3]!);
    expect(replay.failed.map((c) => c.id).sort()).toEqual(['htm', 'htu']);
    expect(states[3]!.token).toBe(states[1]!.token);
    // 5: back to the genuine request.
    expect((await dpopVerdict(states[4]!)).status).toBe('valid');
  });
});
