/** The Examples menu's text-payload and b64:false entries verify through the pipeline. */
import { describe, expect, it } from 'vitest';
import { makeExample } from '../../../src/lib/examples/examples';
import { Checker, EXAMPLES, type KeyInput, type Settings } from '../../../src/lib';

const settings: Settings = {
  now: 1_700_000_000,
  leeway: 0,
  expectedIssuer: '',
  expectedAudience: '',
  requiredClaims: [],
  timeTravel: false,
};

describe.each([
  ['text-payload', 'text', false],
  ['b64-false', 'text', true],
] as const)('example %s', (id, form, detached) => {
  it('is in the menu, and verifies with its key, as a JWS that is not a JWT', async () => {
    expect(EXAMPLES.map((e) => e.id)).toContain(id);
    const example = await makeExample(id, settings.now);
    const keys: KeyInput = { text: example.key, encoding: 'utf8', innerText: '', from: 'person' };
    const input = {
      text: example.token,
      from: 'person' as const,
      detachedPayload: example.detachedPayload,
    };
    const checker = new Checker();
    const verdicts = await checker.verify(checker.check(input, settings, keys), keys);
    const report = checker.check(input, settings, keys, {}, verdicts);
    expect(report.signature.status, report.signature.message).toBe('verified');
    expect(report.jws).toMatchObject({ payloadForm: form, detached });
    expect(report.claims).toBeUndefined();
  });
});
