/**
 * findTokens finds nothing in texts without a token: prose, base64 blobs,
 * dotted names and numbers, and strings shaped like a JWT whose first part is
 * not a JOSE header (not JSON, not an object, no `alg`, `alg` not a string).
 */
import { describe, expect, it } from 'vitest';
import { findTokens } from '../../../src/lib/find';
import { ACCESS, json64 } from './fixtures';

const [, PAYLOAD, SIGNATURE] = ACCESS.split('.') as [string, string, string];
const b64 = (text: string) => Buffer.from(text).toString('base64url');

const PEM = `-----BEGIN CERTIFICATE-----
MIIBszCCAVmgAwIBAgIUQ1Zq0b7x8E2Jm3r1m0k6vR0m4eEwCgYIKoZIzj0EAwIw
LzEtMCsGA1UEAwwkZXhhbXBsZS5jb20gdGVzdCBjZXJ0aWZpY2F0ZSBmb3IgSldU
-----END CERTIFICATE-----`;

const NOTHING: { name: string; text: string }[] = [
  { name: 'empty text', text: '' },
  { name: 'white space', text: ' \n\t\r\n ' },
  {
    name: 'prose about JWTs',
    text: 'A JWT has three parts: header.payload.signature. Paste one (eyJ…) to decode it; e.g. xxxxx.yyyyy.zzzzz.',
  },
  { name: 'a PEM certificate (standard base64 lines)', text: PEM },
  {
    name: 'base64 of JSON, padded, standard alphabet',
    text: Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64'),
  },
  { name: 'a header alone', text: json64({ alg: 'HS256' }) },
  { name: 'a header and a payload (two parts)', text: `${json64({ alg: 'HS256' })}.${PAYLOAD}` },
  { name: 'dotted parts none of which is a header', text: `a.${PAYLOAD}.${SIGNATURE}.b` },
  {
    name: 'a header that is not JSON',
    text: `${b64('hello world, hello')}.${PAYLOAD}.${SIGNATURE}`,
  },
  {
    name: 'a header without alg',
    text: `${json64({ typ: 'JWT', kid: 'k1' })}.${PAYLOAD}.${SIGNATURE}`,
  },
  {
    name: 'a header whose alg is not a string',
    text: `${json64({ alg: 256, typ: 'JWT' })}.${PAYLOAD}.${SIGNATURE}`,
  },
  {
    name: 'a header that is a JSON array',
    text: `${json64(['alg', 'HS256'])}.${PAYLOAD}.${SIGNATURE}`,
  },
  {
    name: 'a header that is not UTF-8',
    text: `${Buffer.from([0x7b, 0xff, 0xfe, 0x22, 0x61, 0x6c, 0x67, 0x22, 0x3a, 0x31, 0x7d, 0x20, 0x20, 0x20, 0x20, 0x20]).toString('base64url')}.${PAYLOAD}.${SIGNATURE}`,
  },
  { name: 'a payload where the header should be', text: `${PAYLOAD}.${PAYLOAD}.${SIGNATURE}` },
  {
    name: 'version numbers',
    text: 'Upgraded jose 1.2.3 → 6.2.17 on Windows 10.0.19045.3803 (node v20.19.0)',
  },
  {
    name: 'domain names, e-mail addresses, IP addresses',
    text: 'a.b.c www.example.co.uk alice@example.com 192.168.0.1 ::1 fe80::1%eth0',
  },
  {
    name: 'file names and Java class names',
    text: 'archive.tar.gz at com.example.auth.JwtFilter.doFilter(JwtFilter.java:42)',
  },
  {
    name: 'a UUID and a SHA-256 digest',
    text: '550e8400-e29b-41d4-a716-446655440000 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  },
  {
    name: 'RFC 6749 §5.1 token response with opaque tokens',
    text: '{"access_token":"2YotnFZFEjr1zCsicMWpAA","token_type":"example","expires_in":3600,"refresh_token":"tGzv3JOkF0XG5Qx2TlKWIA","example_parameter":"example_value"}',
  },
  {
    name: 'an HTTP request with Basic credentials',
    text: 'GET / HTTP/1.1\nHost: a.example\nAuthorization: Basic YWxhZGRpbjpvcGVuc2VzYW1l\nCookie: sid=31d4d96e407aad42\n',
  },
  {
    name: 'a curl command without a token',
    text: "curl -u alice:secret -H 'Accept: application/json' 'https://api.example.com/v1/a.b.c?x=1.2.3'",
  },
  { name: 'a URL with dotted parameters', text: 'https://example.com/a.b/c.d?v=1.2.3#section.2.1' },
  {
    name: 'a JSON object shaped like a JWS without signatures',
    text: '{"payload":"eyJzdWIiOiJhIn0","protected":"eyJhbGciOiJIUzI1NiJ9"}',
  },
  { name: 'an SD-JWT-like string without a JWS', text: 'abc~def~ghi~' },
  {
    name: 'a header on one line, prose on the next',
    text: `${json64({ alg: 'HS256' })}\nis the header of the token.`,
  },
];

describe('findTokens finds nothing where there is no token', () => {
  it.each(NOTHING)('$name', ({ text }) => {
    const result = findTokens(text);
    expect(result.ok && result.value).toEqual({ tokens: [], truncated: 0 });
  });
});
