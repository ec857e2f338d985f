/**
 * The headers a host should send with every file of the built page, in one
 * place: vite.config.ts sends them from `vite preview` (so the end-to-end tests
 * run with them), and public/_headers and docs/nginx.conf are rendered from
 * them (tests/unit/hosting.test.ts keeps both files equal to this module).
 */
import { CONTENT_SECURITY_POLICY } from './offline.ts';

/** Header name to value, in the order they are written. */
export const HOSTING_HEADERS: Readonly<Record<string, string>> = {
  // The page's own policy plus what a meta tag cannot say: no page may frame
  // this one, so no other site can lay its controls under a visitor's clicks.
  'Content-Security-Policy': `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
  'X-Content-Type-Options': 'nosniff',
  // Nothing of this page's address (which may hold a token) goes to another.
  'Referrer-Policy': 'no-referrer',
  // Powerful features the page never uses; clipboard writing (copy) stays.
  'Permissions-Policy': [
    'accelerometer',
    'bluetooth',
    'camera',
    'display-capture',
    'geolocation',
    'gyroscope',
    'hid',
    'magnetometer',
    'microphone',
    'midi',
    'payment',
    'serial',
    'usb',
  ]
    .map((feature) => `${feature}=()`)
    .join(', '),
  // Two years, as hstspreload.org asks; `preload` is the host owner's commitment to make.
  'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
};

const GENERATED = 'Generated from plugins/headers.ts by tests/unit/hosting.test.ts (vitest -u).';

/** The `_headers` file of Netlify and Cloudflare Pages: every path gets every header. */
export function headersFile(): string {
  const lines = Object.entries(HOSTING_HEADERS).map(([name, value]) => `  ${name}: ${value}`);
  return `# ${GENERATED}\n/*\n${lines.join('\n')}\n`;
}

/** An nginx snippet for the `server` (or `location`) block that serves the built page. */
export function nginxSnippet(): string {
  // `always`: the headers go on error answers too (a 404 can be framed as well).
  const lines = Object.entries(HOSTING_HEADERS).map(
    ([name, value]) => `add_header ${name} "${value}" always;`,
  );
  return `# ${GENERATED}\n# Include it in the server block that serves dist/. nginx drops inherited\n# add_header lines in a location block that has its own: include it there too.\n${lines.join('\n')}\n`;
}
