/**
 * The hosting headers have one source, plugins/headers.ts: the files shipped
 * for static hosts must say exactly what it says (`vitest -u` rewrites them),
 * and its policy must be the page's own plus frame-ancestors.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { headersFile, HOSTING_HEADERS, nginxSnippet } from '../../plugins/headers';
import { CONTENT_SECURITY_POLICY } from '../../plugins/offline';

describe('hosting headers', () => {
  it('public/_headers is rendered from plugins/headers.ts', async () => {
    await expect(headersFile()).toMatchFileSnapshot('../../public/_headers');
  });

  it('docs/nginx.conf is rendered from plugins/headers.ts', async () => {
    await expect(nginxSnippet()).toMatchFileSnapshot('../../docs/nginx.conf');
  });

  it("sends the page's meta policy plus frame-ancestors 'none'", () => {
    const policy = HOSTING_HEADERS['Content-Security-Policy']!.split('; ');
    expect(policy).toEqual([...CONTENT_SECURITY_POLICY.split('; '), "frame-ancestors 'none'"]);
  });

  it('names every header the README asks a host to send', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const hosting = readme.slice(readme.indexOf('## Hosting'));
    for (const name of Object.keys(HOSTING_HEADERS)) expect(hosting).toContain(`\`${name}\``);
  });
});
