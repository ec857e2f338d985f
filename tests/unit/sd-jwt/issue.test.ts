/**
 * Issuing SD-JWTs with the page's engine, read back by the page's own reader
 * and checked by jose: what is issued processes back to the payload, nested
 * disclosures sit in their parents, salts come from the source given.
 */
import { describe, expect, it } from 'vitest';
import { compactVerify } from 'jose';
import type { JsonObject } from '../../../src/lib/jws/decode';
import {
  generateHolderKey,
  issueSdJwt,
  packPayload,
  type IssueHash,
  type SdIssueRequest,
} from '../../../src/lib/sd-jwt';
import { issue, MARKS, PAYLOAD, publicKey, read, signing } from './issued';

describe('issuing an SD-JWT', () => {
  it.each(['sha-256', 'sha-384', 'sha-512'] as IssueHash[])(
    'with %s processes back to the payload, decoys counted',
    async (hash) => {
      const issued = await issue({ hash, decoys: 3 });
      const { facts, payload } = await read(issued.sdJwt);
      expect(payload['_sd_alg']).toBe(hash);
      expect(facts.problems).toEqual([]);
      expect(facts.claims).toEqual(PAYLOAD);
      expect(facts.decoys).toBe(3);
      expect(facts.disclosures.map((d) => [d.status, d.path])).toEqual(
        MARKS.map((m) => ['matched', m]),
      );
      // No marked claim is left in the clear.
      expect(payload['given_name']).toBeUndefined();
      expect((payload['nationalities'] as unknown[])[1]).toHaveProperty('...');
      expect((payload['nationalities'] as unknown[])[0]).toBe('US');
    },
  );

  it('signs the issuer JWT with the key given, as jose verifies', async () => {
    const issued = await issue();
    const { protectedHeader } = await compactVerify(issued.issuerJwt, publicKey);
    expect(protectedHeader).toEqual({ alg: 'ES256', typ: 'example+sd-jwt' });
  });

  it('nests: address.street_address is a disclosure inside the address disclosure', async () => {
    const issued = await issue();
    const address = issued.disclosures.find((d) => d.path === 'address')!;
    const street = issued.disclosures.find((d) => d.path === 'address.street_address')!;
    expect(street.parent).toBe(address.n);
    expect(address.n).toBeLessThan(street.n); // a parent is listed first
    const value = JSON.parse(Buffer.from(address.text, 'base64url').toString()) as unknown[];
    expect(value[1]).toBe('address');
    expect((value[2] as JsonObject)['_sd']).toEqual([street.digest]);
  });

  it('takes its salts from the random source given: 128 bits each', async () => {
    let calls = 0;
    const random = (length: number) => {
      calls++;
      return new Uint8Array(length).fill(calls);
    };
    const a = await packPayload({ payload: PAYLOAD, marks: MARKS, random });
    calls = 0;
    const b = await packPayload({ payload: PAYLOAD, marks: MARKS, random });
    if (!a.ok || !b.ok) throw new Error('pack');
    expect(a.value).toEqual(b.value);
    const [salt] = JSON.parse(Buffer.from(a.value.disclosures[0]!.text, 'base64url').toString());
    expect(Buffer.from(salt as string, 'base64url')).toHaveLength(16);
  });

  it('puts the holder key in cnf', async () => {
    const holder = await generateHolderKey();
    const issued = await issue({ holderJwk: holder.publicJwk });
    expect(issued.payload['cnf']).toEqual({ jwk: holder.publicJwk });
  });

  const failures: [string, Partial<SdIssueRequest>, string, string | RegExp, string?][] = [
    [
      'a mark on nothing',
      { marks: ['email'] },
      'ERR_SD_ISSUE',
      /Nothing in the payload is at "email"/,
    ],
    ['too many decoys', { decoys: 101 }, 'ERR_SD_ISSUE', /from 0 to 100, not 101/],
    [
      'a payload with _sd already',
      { payload: { a: { _sd: [] } }, marks: [] },
      'ERR_SD_RESERVED_NAME',
      /already has "_sd" in a/,
    ],
    ['an unknown hash', { hash: 'md5' as IssueHash }, 'ERR_SD_ALG_UNSUPPORTED', /"md5"/],
    ['alg none', {}, 'ERR_SD_ISSUE', /must be signed/, '{"alg":"none"}'],
    [
      'a payload nested 150 deep',
      { payload: JSON.parse(`${'{"a":'.repeat(150)}1${'}'.repeat(150)}`), marks: [] },
      'ERR_SD_ISSUE',
      /nests more than 100 levels deep/,
    ],
  ];
  it.each(failures)('refuses %s', async (_, request, code, message, headerText) => {
    const issued = await issueSdJwt(
      { payload: PAYLOAD, marks: MARKS, ...request },
      { ...signing, headerText: headerText ?? signing.headerText },
    );
    expect(issued.ok).toBe(false);
    if (issued.ok) return;
    expect(issued.error.code).toBe(code);
    expect(issued.error.message).toMatch(message);
  });
});
