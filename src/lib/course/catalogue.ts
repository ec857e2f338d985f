/**
 * The course's table of contents: ids, titles and summaries only, so the
 * lessons list can show the course without loading the simulated server.
 * `tests/unit/course/lessons.test.ts` keeps it equal to the lessons.
 */

/** One course lesson as listed. */
export interface CourseEntry {
  id: string;
  title: string;
  summary: string;
}

/** The course, in order (the `lesson-<id>` hooks of the UI contract). */
export const COURSE_CATALOGUE: readonly CourseEntry[] = [
  {
    id: 'delivery',
    title: 'Login and token delivery',
    summary:
      'A password for a token: in the body, a header or a cookie, and what CSRF means for the cookie.',
  },
  {
    id: 'authz',
    title: 'Authentication vs authorization',
    summary: '401 when the server does not know you, 403 when it does and says no.',
  },
  {
    id: 'refresh',
    title: 'Access, refresh and session tokens',
    summary: 'Short access tokens, refresh tokens that rotate, and what reuse of an old one does.',
  },
  {
    id: 'stateful',
    title: 'Stateless vs stateful',
    summary: 'What the server looks up for each, and what logout does to both.',
  },
  {
    id: 'revocation',
    title: 'Revocation',
    summary: 'A jti denylist whose entries leave with the token, and introspection (RFC 7662).',
  },
  {
    id: 'storage',
    title: 'Storage in the browser',
    summary: 'localStorage read by an injected script, versus an HttpOnly cookie it cannot read.',
  },
  {
    id: 'claims-pyjwt',
    title: 'Claims validation as PyJWT does it',
    summary:
      'require, leeway, audience lists, issuer and your own tenant check, with the exception each raises.',
  },
  {
    id: 'key-management',
    title: 'Key management',
    summary:
      'A secret of the right length kept out of code, rotation with kid, RS256 so verifiers hold only public keys.',
  },
  {
    id: 'oidc-sso',
    title: 'Single sign-on with OpenID Connect',
    summary:
      'An ID token for the client, an access token for the API: aud, nonce, discovery and JWKS.',
  },
  {
    id: 'encrypt',
    title: 'When to encrypt',
    summary: 'The same claims as a JWS anyone can read, and as a nested JWE only the API opens.',
  },
];
