/** Each rule of RFC 9901 §7.1 a presentation can break, with its code and message. */
import { describe, expect, it } from 'vitest';
import { encodePart } from '../../../src/lib/jws/base64url';
import {
  decodeDisclosure,
  digestOf,
  processDisclosures,
  sdHashOf,
  sdJwtFindings,
  splitSdJwt,
  type DigestedDisclosure,
  type SdJwtFacts,
} from '../../../src/lib/sd-jwt';

const SALT = '2GLC42sKQveCfGfryNRN9w'; // 22 base64url characters: 132 bits
const text = (array: unknown[]) => encodePart(JSON.stringify(array));

async function disclose(...arrays: unknown[][]): Promise<DigestedDisclosure[]> {
  return Promise.all(
    arrays.map(async (array, i) => {
      const d = decodeDisclosure(text(array), i + 1);
      if (!d.ok) throw d.error;
      return { ...d.value, digest: await digestOf(d.value.text, 'SHA-256') };
    }),
  );
}

describe('processDisclosures', () => {
  it('lands nested disclosures (a disclosed object with its own _sd) and drops decoys', async () => {
    const [street, address] = await disclose([SALT, 'street', 'Main St'], ['x', 'placeholder']);
    const [addr] = await disclose([SALT, 'address', { _sd: [street!.digest, 'decoy-digest'] }]);
    const [element] = await disclose([SALT, 'DE']);
    void address;
    const payload = {
      _sd: [addr!.digest],
      list: [{ '...': element!.digest }, { '...': 'decoy-2' }, 'US'],
    };
    const out = processDisclosures(payload, [
      { ...addr!, n: 1 },
      { ...street!, n: 2 },
      { ...element!, n: 3 },
    ]);
    expect(out.problems).toEqual([]);
    expect(out.claims).toEqual({ address: { street: 'Main St' }, list: ['DE', 'US'] });
    expect([...out.placements].sort((a, b) => a[0] - b[0])).toEqual([
      [1, { path: 'address' }],
      [2, { path: 'address.street' }],
      [3, { path: 'list[0]' }],
    ]);
    expect(out.decoys).toBe(2);
  });

  const cases: [
    string,
    () => Promise<{ payload: Record<string, unknown>; ds: DigestedDisclosure[] }>,
    string,
    RegExp,
  ][] = [
    [
      'a disclosure matching no digest',
      async () => ({ payload: { _sd: [] }, ds: await disclose([SALT, 'email', 'a@b.c']) }),
      'ERR_SD_DISCLOSURE_UNMATCHED',
      /Disclosure 1 \("email"\) matches no digest/,
    ],
    [
      'a digest twice in the payload',
      async () => {
        const ds = await disclose([SALT, 'email', 'a@b.c']);
        return { payload: { _sd: [ds[0]!.digest, ds[0]!.digest] }, ds };
      },
      'ERR_SD_DIGEST_DUPLICATE',
      /appears more than once/,
    ],
    [
      'two disclosures with one digest',
      async () => {
        const ds = await disclose([SALT, 'email', 'a@b.c'], [SALT, 'email', 'a@b.c']);
        return { payload: { _sd: [ds[0]!.digest] }, ds };
      },
      'ERR_SD_DIGEST_DUPLICATE',
      /Disclosures 1 and 2 have the same digest/,
    ],
    [
      'a disclosure overwriting a plain claim',
      async () => {
        const ds = await disclose([SALT, 'sub', 'admin']);
        return { payload: { sub: 'alice', _sd: [ds[0]!.digest] }, ds };
      },
      'ERR_SD_OVERWRITE',
      /would set "sub" of the payload, which is already a claim/,
    ],
    [
      'a disclosure named _sd',
      async () => {
        const ds = await disclose([SALT, '_sd', ['x']]);
        return { payload: { _sd: [ds[0]!.digest] }, ds };
      },
      'ERR_SD_RESERVED_NAME',
      /names the claim "_sd", which SD-JWT reserves/,
    ],
    [
      'an array-element disclosure in _sd',
      async () => {
        const ds = await disclose([SALT, 'DE']);
        return { payload: { _sd: [ds[0]!.digest] }, ds };
      },
      'ERR_SD_WRONG_KIND',
      /is an array element but its digest stands in "_sd"/,
    ],
    [
      'a claim disclosure in an array',
      async () => {
        const ds = await disclose([SALT, 'email', 'a@b.c']);
        return { payload: { list: [{ '...': ds[0]!.digest }] }, ds };
      },
      'ERR_SD_WRONG_KIND',
      /is a claim \("email"\) but its digest stands in an array \(list\[0\]\)/,
    ],
    [
      '_sd that is not an array',
      async () => ({ payload: { _sd: 'abc' }, ds: [] }),
      'ERR_SD_NOT_ARRAY',
      /"_sd" is "abc", not an array of digests/,
    ],
    [
      '"..." beside other members',
      async () => ({ payload: { list: [{ '...': 'abc', other: 1 }] }, ds: [] }),
      'ERR_SD_ELLIPSIS_MISUSE',
      /has "\.\.\." beside other members/,
    ],
    [
      '"..." as an object member',
      async () => ({ payload: { '...': 'abc' }, ds: [] }),
      'ERR_SD_ELLIPSIS_MISUSE',
      /has a "\.\.\." member/,
    ],
  ];
  it.each(cases)('reports %s', async (_, make, code, message) => {
    const { payload, ds } = await make();
    const out = processDisclosures(payload, ds);
    expect(out.problems.map((p) => p.code)).toContain(code);
    expect(out.problems.find((p) => p.code === code)!.message).toMatch(message);
  });
});

describe('decodeDisclosure', () => {
  it.each([
    ['abc!', 'ERR_SD_DISCLOSURE_BASE64URL', /Disclosure 1: '!' at character 4 is not base64url/],
    [encodePart('not json'), 'ERR_SD_DISCLOSURE_JSON', /not JSON once decoded/],
    [text([SALT]), 'ERR_SD_DISCLOSURE_SHAPE', /it is an array of 1/],
    [text([1, 'name', 'v']), 'ERR_SD_DISCLOSURE_SHAPE', /its salt is not a string/],
    [text([SALT, 7, 'v']), 'ERR_SD_DISCLOSURE_SHAPE', /its claim name is not a string/],
  ])('refuses %s', (input, code, message) => {
    const d = decodeDisclosure(input, 1);
    expect(d.ok).toBe(false);
    if (d.ok) return;
    expect(d.error.code).toBe(code);
    expect(d.error.message).toMatch(message);
  });
});

describe('sdHashOf', () => {
  it.each([
    [{}, true, 'sha-256'],
    [{ _sd_alg: 'sha-512' }, true, 'sha-512'],
    [{ _sd_alg: 'SHA-256' }, 'ERR_SD_ALG_UNKNOWN', ''],
    [{ _sd_alg: 'md5' }, 'ERR_SD_ALG_UNKNOWN', ''],
    [{ _sd_alg: 'sha3-256' }, 'ERR_SD_ALG_UNSUPPORTED', ''],
  ])('%j', (payload, expected, name) => {
    const h = sdHashOf(payload);
    if (expected === true) expect(h.ok && h.value.name).toBe(name);
    else expect(!h.ok && h.error.code).toBe(expected);
  });
});

describe('splitSdJwt', () => {
  const jwt = 'eyJhbGciOiJFUzI1NiJ9.e30.c2ln';
  it.each([
    [`${jwt}~`, { disclosures: [], presentation: `${jwt}~` }],
    [`${jwt}~abc~def~`, { disclosures: ['abc', 'def'] }],
    [`${jwt}~abc~a.b.c`, { disclosures: ['abc'], kbJwt: 'a.b.c', presentation: `${jwt}~abc~` }],
  ])('splits %s', (input, expected) => {
    const parts = splitSdJwt(input);
    expect(parts.ok && parts.value).toMatchObject(expected);
  });
  it.each([
    ['a.b~', 'ERR_SD_FORMAT'],
    ['{"a":"b.c.d~"}', 'ERR_SD_FORMAT'],
    [`${jwt}~abc~~`, 'ERR_SD_DISCLOSURE_EMPTY'],
    [`${jwt}~abc`, 'ERR_KB_FORMAT'],
    [`${jwt}~${'a~'.repeat(2001)}`, 'ERR_SD_TOO_MANY'],
  ])('refuses %s', (input, code) => {
    const parts = splitSdJwt(input);
    expect(!parts.ok && parts.error.code).toBe(code);
  });
});

describe('sdJwtFindings', () => {
  const facts = (over: Partial<SdJwtFacts>): SdJwtFacts => ({
    hash: 'sha-256',
    disclosures: [],
    decoys: 0,
    problems: [],
    shortSalts: [],
    kb: { status: 'verified', failures: [] },
    bound: false,
    ...over,
  });
  it.each([
    [{ problems: [{ code: 'ERR_SD_ALG_UNKNOWN' as const, message: 'x' }] }, 'sd-alg-unknown'],
    [{ shortSalts: [2] }, 'sd-salt-short'],
    [
      { problems: [{ code: 'ERR_SD_DISCLOSURE_UNMATCHED' as const, message: 'x', disclosure: 1 }] },
      'sd-disclosure-unmatched',
    ],
    [
      { problems: [{ code: 'ERR_SD_DIGEST_DUPLICATE' as const, message: 'x' }] },
      'sd-digest-duplicate',
    ],
    [{ problems: [{ code: 'ERR_SD_OVERWRITE' as const, message: 'x' }] }, 'sd-overwrite'],
    [{ problems: [{ code: 'ERR_SD_RESERVED_NAME' as const, message: 'x' }] }, 'sd-overwrite'],
    [{ bound: true, kb: { status: 'absent' as const, failures: [] } }, 'sd-kb-missing'],
  ])('%j gives %s', (over, id) => {
    expect(sdJwtFindings(facts(over)).map((f) => f.id)).toEqual([id]);
  });
  it('a clean presentation gives none', () => {
    expect(sdJwtFindings(facts({ bound: true }))).toEqual([]);
  });
});
