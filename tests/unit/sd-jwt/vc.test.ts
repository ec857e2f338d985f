/** SD-JWT VC facts: the type and the status list reference, never fetched. */
import { describe, expect, it } from 'vitest';
import { vcFacts } from '../../../src/lib/sd-jwt';
import vectors from '../../vectors/sd-jwt/rfc9901.json';

describe('vcFacts', () => {
  it("reads RFC 9901 A.3's credential type", () => {
    const a3 = vectors.examples.find((e) => e.section === 'A.3')!;
    expect(vcFacts({ typ: 'dc+sd-jwt' }, a3.processed!)).toEqual({
      vct: 'urn:eudi:pid:de:1',
      typ: 'dc+sd-jwt',
      problems: [],
    });
  });
  it('a plain SD-JWT is no VC', () => {
    expect(vcFacts({ typ: 'example+sd-jwt' }, { sub: 'x' })).toBeUndefined();
  });
  it.each([
    [
      {},
      { vct: 'v', status: { status_list: { uri: 'https://s.example/1', idx: 7 } } },
      { statusList: { uri: 'https://s.example/1', idx: 7 }, problems: [] },
    ],
    [
      {},
      { vct: 'v', status: { status_list: { uri: 'https://s.example/1' } } },
      {
        problems: [
          expect.stringMatching(/no "status_list" with a string "uri" and an integer "idx"/),
        ],
      },
    ],
    [
      { typ: 'dc+sd-jwt' },
      { sub: 'x' },
      { problems: [expect.stringMatching(/"vct" .* is missing/)] },
    ],
    [
      { typ: 'JWT' },
      { vct: 'v' },
      { problems: [expect.stringMatching(/"typ" is "JWT", not "dc\+sd-jwt"/)] },
    ],
  ])('%j %j', (header, claims, expected) => {
    expect(vcFacts(header, claims)).toMatchObject(expected);
  });
});
