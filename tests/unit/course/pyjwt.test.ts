/**
 * The claims-pyjwt lesson against PyJWT 2.6.0's recorded answers
 * (scripts/pyjwt-course-outcomes.py): each token PyJWT made goes through the
 * simulated server's gate, which must raise the same exception, and each
 * step's title names the exception PyJWT raises for that step's case.
 */
import { describe, expect, it } from 'vitest';
import vectors from '../../vectors/course/pyjwt-claims-lesson.json';
import { KeyStore } from '../../../src/lib/course/keys';
import { courseLessonById } from '../../../src/lib/course/lessons';
import { SimServer } from '../../../src/lib/course/server';
import { verifyToken, type ClaimPolicy } from '../../../src/lib/course/verify-token';

type Case = (typeof vectors.cases)[number];

const policyOf = (c: Case): ClaimPolicy => {
  const { audience, issuer, leeway, require } = c.decode;
  return {
    issuer: issuer ?? '',
    audiences: audience === null ? [] : Array.isArray(audience) ? audience : [audience],
    leeway,
    require,
  };
};

const keys = new KeyStore();
keys.add({ kid: 'hs-1', alg: 'HS256', signing: vectors.secret, verifying: vectors.secret });
const lesson = courseLessonById('claims-pyjwt')!;

describe('the claims-pyjwt lesson says what PyJWT 2.6.0 says', () => {
  it('recorded with the frozen clock the lesson pins', () => {
    expect(vectors.source).toMatch(/^PyJWT 2\.6\.0 /);
    expect(vectors.cases.length).toBeGreaterThanOrEqual(12);
  });

  it.each(vectors.cases.map((c) => [c.id, c] as const))('%s', async (_, c) => {
    const result = await verifyToken(c.token, keys, policyOf(c), vectors.now);
    expect(result.ok ? 'ok' : result.pyjwt).toBe(c.pyjwt);
    if ('custom' in c) {
      const server = new SimServer({ now: vectors.now, secret: vectors.secret });
      server.policy = policyOf(c);
      const response = await server.handle({
        method: 'GET',
        path: `/api/tenants/${c.tenant}/invoices`,
        headers: { authorization: `Bearer ${c.token}` },
      });
      expect(response.status).toBe(c.custom === 'ok' ? 200 : 403);
    }
  });

  it.each([0, 1, 2, 3])('step %i names the exception of its first refused case', (step) => {
    const refused = vectors.cases.find((c) => c.step === step && c.pyjwt !== 'ok');
    expect(refused).toBeDefined();
    expect(lesson.steps[step]!.title).toContain(refused!.pyjwt);
  });

  it('the tenant step says PyJWT passes and the 403 is the lesson\u2019s own check', () => {
    const tenant = vectors.cases.filter((c) => c.step === 4);
    expect(tenant.every((c) => c.pyjwt === 'ok')).toBe(true);
    expect(lesson.steps[4]!.text).toMatch(/PyJWT knows nothing of tenants/);
  });
});
