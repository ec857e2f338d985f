/**
 * The examples that hold tokens inside a larger text: the page finds each
 * token, and each one verifies with the key the example puts in the key box.
 */
import { describe, expect, it } from 'vitest';
import * as find from '../../../src/lib/find';
import { makeExample } from '../../../src/lib/examples/examples';
import { Checker, type KeyInput, type Settings } from '../../../src/lib';

const NOW = 1767225600;
const SETTINGS: Settings = {
  now: NOW,
  leeway: 0,
  expectedIssuer: '',
  expectedAudience: '',
  requiredClaims: [],
  timeTravel: false,
};

async function verdicts(id: string) {
  const example = await makeExample(id, NOW);
  const keys: KeyInput = { text: example.key, encoding: 'utf8', innerText: '', from: 'person' };
  const checker = new Checker();
  const first = checker.check({ text: example.token, from: 'person' }, SETTINGS, keys, {
    finder: find,
  });
  const found = first.found!.tokens;
  const out = [];
  for (let chosen = 0; chosen < found.length; chosen++) {
    const report = checker.check({ text: example.token, from: 'person', chosen }, SETTINGS, keys, {
      finder: find,
    });
    const signature = (await checker.verify(report, keys)).signature.status;
    const typ = report.decoded.ok ? report.decoded.value.header.typ : undefined;
    out.push({ where: found[chosen]!.where, typ, signature });
  }
  return out;
}

describe('container examples', () => {
  it('a token response: the access token and the ID token, each verified', async () => {
    expect(await verdicts('token-response')).toEqual([
      {
        where: '"access_token" in a JSON object (path $.access_token)',
        typ: 'at+jwt',
        signature: 'verified',
      },
      {
        where: '"id_token" in a JSON object (path $.id_token)',
        typ: 'JWT',
        signature: 'verified',
      },
    ]);
  });

  it('a HAR file: the bearer token of its request, verified', async () => {
    expect(await verdicts('har-request')).toEqual([
      {
        where:
          'request 1 of the HAR file (GET https://api.example.com/v1/orders), its Authorization header (Bearer)',
        typ: 'at+jwt',
        signature: 'verified',
      },
    ]);
  });
});
