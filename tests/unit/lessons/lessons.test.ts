import { describe, expect, it } from 'vitest';
import { LESSONS, lessonById, lessonContext } from '../../../src/lib/lessons';
import { realClaims, realVerdict } from '../../../src/lib/lessons/tokens';
import type { StepState } from '../../../src/lib/lessons';

const NOW = 1_760_000_000;

/** Run every step of a lesson; return each step's state and demo lines. */
async function run(id: string) {
  const lesson = lessonById(id);
  if (!lesson) throw new TypeError(`no lesson ${id}`);
  const ctx = lessonContext(NOW);
  const steps: { state: StepState; demo: string[] }[] = [];
  for (const step of lesson.steps) {
    const state = await step.setup(ctx);
    const demo = step.demo ? (await step.demo(ctx)).map((l) => `${l.tone}: ${l.text}`) : [];
    steps.push({ state, demo });
  }
  return steps;
}

const status = async (s: StepState) => (await realVerdict(s.token!, s.key ?? '')).status;

describe('every lesson', () => {
  it('has unique ids, titles and at least two steps of plain text', () => {
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    expect(LESSONS.length).toBe(14);
    for (const lesson of LESSONS) {
      expect(lesson.steps.length).toBeGreaterThanOrEqual(2);
      for (const step of lesson.steps) expect(step.text).not.toMatch(/<[a-z]/i);
    }
  });

  it.each(LESSONS.map((l) => l.id))('%s runs every step in node', async (id) => {
    const steps = await run(id);
    // A compact JWS, or an SD-JWT: a JWS, then each disclosure and an optional key-binding JWT after a "~".
    for (const { state } of steps)
      expect(state.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]*(~[\w-]*)*(~[\w-]+\.[\w-]+\.[\w-]+)?$/);
  });

  it('ends every attack with what a correct verifier does', () => {
    for (const lesson of LESSONS.filter((l) => l.kind === 'attack'))
      expect(lesson.steps.at(-1)!.title).toBe('What a correct verifier does');
  });
});

describe('the guided lessons do what their text says', () => {
  it('anatomy: verified, and the recomputed HMAC equals the signature', async () => {
    const steps = await run('anatomy');
    expect(await status(steps[0]!.state)).toBe('verified');
    const [mac, sig] = steps[2]!.demo.map((l) => l.split('= ')[1]);
    expect(mac).toBe(sig);
    expect(steps[2]!.demo[2]).toMatch(/^accepted: JWT Lab: verified/);
  });

  it('tamper: the genuine token verifies, the edited one is invalid', async () => {
    const steps = await run('tamper');
    expect(await status(steps[0]!.state)).toBe('verified');
    const tampered = await realVerdict(steps[1]!.state.token!, steps[1]!.state.key!);
    expect(tampered.status).toBe('invalid');
    expect(tampered.error?.code).toBe('ERR_SIGNATURE_INVALID');
    expect(Buffer.from(steps[1]!.state.token!.split('.')[1]!, 'base64url').toString()).toContain(
      '"role":"admin"',
    );
  });

  it('expiry: ok at issue, failed 600 s later, ok again with 400 s leeway', async () => {
    const steps = await run('expiry');
    const exp = (s: StepState) =>
      realClaims(s.token!, Number(s.clock), s.leeway)!.verdicts.find((c) => c.name === 'exp')!
        .status;
    expect(exp(steps[0]!.state)).toBe('ok');
    expect(exp(steps[1]!.state)).toBe('fail');
    expect(exp(steps[2]!.state)).toBe('ok');
    expect(steps[3]!.state).toMatchObject({ clock: '', leeway: 0 });
    for (const { state } of steps) expect(await status(state)).toBe('verified');
  });

  it('rotation: both kids verify while both are published; the old one fails once retired', async () => {
    const steps = await run('rotation');
    const first = await realVerdict(steps[0]!.state.token!, steps[0]!.state.key!);
    expect(first.status).toBe('verified');
    expect(first.keySource).toContain('matched kid "key-1"');
    expect(await status(steps[1]!.state)).toBe('verified');
    expect(await status(steps[2]!.state)).toBe('invalid');
    expect(await status(steps[3]!.state)).toBe('verified');
  });

  it('access vs refresh: the refresh token has the wrong audience for the API', async () => {
    const steps = await run('access-refresh');
    const aud = (s: StepState) => {
      const token = s.token!;
      const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
      return payload.aud;
    };
    expect(aud(steps[0]!.state)).toBe(steps[0]!.state.expectedAudience);
    expect(aud(steps[1]!.state)).not.toBe(steps[1]!.state.expectedAudience);
    expect(await status(steps[0]!.state)).toBe('verified');
  });
});
