/**
 * The Firebase-style key map example: its certificates are real X.509 (node's
 * own reader parses them and checks their self-signatures), and its token
 * verifies with the map by kid, naming the entry.
 */
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makeExample } from '../../../src/lib/examples/examples';
import { EXAMPLES } from '../../../src/lib/examples/list';
import { verifyCompact } from '../helpers/verify-compact';

const NOW = 1_800_000_000;

describe('firebase-key-map', async () => {
  const example = await makeExample('firebase-key-map', NOW);
  const map = JSON.parse(example.key) as Record<string, string>;
  const kid = JSON.parse(Buffer.from(example.token.split('.')[0]!, 'base64url').toString()).kid;

  it('is in the menu', () => {
    expect(EXAMPLES.map((e) => e.id)).toContain('firebase-key-map');
  });

  it('holds two self-signed certificates node reads, valid around the moment', () => {
    expect(Object.keys(map)).toHaveLength(2);
    for (const pem of Object.values(map)) {
      const cert = new X509Certificate(pem);
      expect(cert.subject).toBe('CN=securetoken.system.gserviceaccount.com');
      expect(cert.verify(cert.publicKey)).toBe(true);
      expect(Date.parse(cert.validFrom) / 1000).toBe(NOW - 3600);
      expect(Date.parse(cert.validTo) / 1000).toBe(NOW + 86400);
    }
  });

  it('its token names the second certificate and verifies with the map by kid', async () => {
    expect(kid).toBe(Object.keys(map)[1]);
    expect(await verifyCompact(example.token, example.key)).toMatchObject({
      status: 'verified',
      keySource: `the PEM for kid "${kid}", a certificate: matched kid "${kid}"`,
    });
  });
});
