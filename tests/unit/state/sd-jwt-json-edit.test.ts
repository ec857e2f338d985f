/**
 * Editing the payload of an SD-JWT pasted in the JWS JSON serialization
 * (RFC 9901 §8) re-signs its issuer JWT and keeps its disclosures and
 * key-binding JWT, written compact; it used to become a bare JWS.
 */
import { flushSync } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import * as jose from 'jose';
import { Lab } from '../../../src/state/lab.svelte';
import vectors from '../../vectors/sd-jwt/rfc9901-json.json';

const until = (check: () => void) => vi.waitFor(check, { timeout: 10_000, interval: 10 });

describe('Lab, an SD-JWT in JSON', () => {
  it('an edit re-signs the issuer JWT and keeps the disclosures and key-binding JWT', async () => {
    const object = vectors.examples[1]!.object as {
      header: { disclosures: string[]; kb_jwt: string };
    };
    const { publicKey, privateKey } = await jose.generateKeyPair('ES256', { extractable: true });
    const lab = new Lab();
    lab.keyText = JSON.stringify(await jose.exportJWK(privateKey));
    lab.start();
    lab.setToken(JSON.stringify(object, null, 2));
    flushSync();
    await until(() => expect(lab.report.view?.form).toBe('sd-jwt-kb'));
    lab.setHeader('{"alg":"ES256"}');
    const tail = `~${object.header.disclosures.join('~')}~${object.header.kb_jwt}`;
    await until(() => expect(lab.tokenText.endsWith(tail)).toBe(true));
    const issuerJwt = lab.tokenText.slice(0, lab.tokenText.indexOf('~'));
    await expect(jose.compactVerify(issuerJwt, publicKey)).resolves.toBeDefined();
    expect(lab.signNote).toMatch(/disclosures were kept, and the key-binding JWT/);
    lab.stop();
  });
});
