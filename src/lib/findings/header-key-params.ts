/**
 * Checks on the header parameters that tell a verifier where to get its key
 * from a URL (`jku`, `x5u`) or by name (`kid`): each is chosen by whoever made
 * the token, so a URL off the issuer's host, or a kid that looks like a path,
 * SQL or a shell command, is worth a look.
 */
import { at, show } from './cite';
import type { Finding } from './types';

/** Findings on `jku` and `x5u`: a key fetched from where the token says. */
export function urlFindings(
  header: Record<string, unknown>,
  payload: Record<string, unknown> | undefined,
): Finding[] {
  const out: Finding[] = [];
  for (const name of ['jku', 'x5u'] as const) {
    if (!(name in header)) continue;
    const value = header[name];
    const worse: string[] = [];
    if (typeof value === 'string') {
      let url: URL | undefined;
      try {
        url = new URL(value);
      } catch {
        worse.push('it is not even a valid URL');
      }
      if (url) {
        if (url.protocol !== 'https:')
          worse.push(`it uses ${url.protocol.replace(':', '')}, not https`);
        if (/^\[.*\]$|^\d{1,3}(\.\d{1,3}){3}$/.test(url.hostname))
          worse.push(`its host ${url.hostname} is an IP address`);
        const iss = payload?.iss;
        if (typeof iss === 'string') {
          let issHost: string | undefined;
          try {
            issHost = new URL(iss).hostname;
          } catch {
            issHost = undefined;
          }
          if (issHost && issHost !== url.hostname)
            worse.push(`its host ${url.hostname} is not the issuer's host ${issHost}`);
        }
      }
    } else worse.push('it is not a string');
    out.push({
      id: 'jku-x5u',
      severity: worse.length ? 'critical' : 'high',
      message: `"${name}" tells the verifier to fetch its key from ${show(value)}${worse.length ? `; worse: ${worse.join(', ')}` : ''}.`,
      location: at('header', name),
    });
  }
  return out;
}

// The characters security-checks.md names. A '/', '+' or '=' alone says
// nothing: base64 kids (AWS Cognito's, a SHA-256 in standard base64) hold them.
const KID_PATTERNS: [RegExp, string][] = [
  [/\.\.\//, "'../'"],
  [/\.\.\\/, "'..\\'"],
  [/[a-z][a-z0-9+.-]*:\/\//i, 'a URL'],
  [/\0/, 'a NUL character'],
  [/(?!\0)\p{Cc}/u, 'a control character'],
  [/['"]/, 'a quote'],
  [/`/, 'a backtick'],
  [/;/, "';'"],
  [/\|/, "'|'"],
  [/\$\(/, "'$('"],
  [/--|\/\*/, 'an SQL comment marker'],
];

/** Findings on `kid`: not a string, or characters that hint at injection. */
export function kidFindings(header: Record<string, unknown>): Finding[] {
  if (!('kid' in header)) return [];
  const kid = header.kid;
  let message: string | undefined;
  if (typeof kid !== 'string') message = `"kid" is ${show(kid)}, not a string.`;
  else {
    const hits = KID_PATTERNS.filter(([pattern]) => pattern.test(kid)).map(([, words]) => words);
    if (hits.length) message = `"kid" contains ${hits.join(', ')}: ${show(kid)}.`;
  }
  return message
    ? [{ id: 'kid-suspicious', severity: 'high', message, location: at('header', 'kid') }]
    : [];
}
