/**
 * Security findings for a decoded token, its key and the settings: pure and
 * synchronous, so it can run on every keystroke. The catalogue of checks is
 * in catalogue.ts; the large weak-secret list loads on demand
 * (`loadWeakSecrets`) and is passed back in as `weakSecrets`.
 */
import { parseKey, type ParsedKey } from '../keys/parse';
import { SEVERITIES } from './catalogue';
import { claimsDetector, claimsFindings, sensitiveFinding } from './claims';
import { headerFindings } from './header';
import { keyFindings } from './key';
import { originFindings } from './origin';
import { profileFindings } from './profiles';
import { signatureFindings } from './signature';
import { unprotectedHeaderFindings } from './unprotected-header';
import type { Detector, Finding, FindingsInput } from './types';

export * from './catalogue';
export type { Finding, FindingLocation, FindingsInput } from './types';
export { looksMemorable, weakSecretReason } from './key';
export { CURVE_ORDERS } from './signature';
export { COMMON_SECRETS } from './common-secrets';

/**
 * A findings function with its own memory: what the key alone says depends on
 * the key, the algorithm and the settings, not on the claims, so a keystroke
 * in the payload reuses the last answer.
 */
export function findingsFinder(): (input: FindingsInput) => Finding[] {
  let last:
    | {
        parsed: object;
        keyText: unknown;
        kind: string;
        alg: string;
        encoding: string;
        weak: unknown;
        findings: Finding[];
      }
    | undefined;
  const keyFindingsOf: Detector = (input, key) => {
    const parsed = input.parsedKey;
    if (!parsed) return keyFindings(input, key);
    const { decoded, keyText, weakSecrets } = input;
    const encoding = input.secretEncoding ?? 'utf8';
    if (
      last?.parsed === parsed &&
      last.keyText === keyText &&
      last.kind === decoded.kind &&
      last.alg === decoded.alg &&
      last.encoding === encoding &&
      last.weak === weakSecrets
    )
      return last.findings;
    const findings = keyFindings(input, key);
    last = {
      parsed,
      keyText,
      kind: decoded.kind,
      alg: decoded.alg,
      encoding,
      weak: weakSecrets,
      findings,
    };
    return findings;
  };
  // The payload's scan for sensitive values does not change as the clock ticks.
  // The last payload's, not a WeakMap of every one: weak entries slow the
  // young-generation collections that keystrokes bring about.
  let sensitive: { claims: object; finding: ReturnType<typeof sensitiveFinding> } | undefined;
  const sensitiveOf = (claims: Record<string, unknown>) => {
    if (sensitive?.claims !== claims) sensitive = { claims, finding: sensitiveFinding(claims) };
    return sensitive.finding;
  };
  const detectors: Detector[] = [
    headerFindings,
    keyFindingsOf,
    signatureFindings,
    claimsDetector(sensitiveOf),
    originFindings,
    jsonFindings,
    profileFindings,
  ];
  return (input) => runDetectors(input, detectors);
}

const DETECTORS: Detector[] = [
  headerFindings,
  keyFindings,
  signatureFindings,
  claimsFindings,
  originFindings,
  jsonFindings,
  profileFindings,
];

/** Findings on how a JSON serialization is put together (its unsigned header parts). */
function jsonFindings(input: FindingsInput): Finding[] {
  return input.json ? unprotectedHeaderFindings(input.json) : [];
}

/** Every finding that holds now, one per id, most severe first. */
export function findFindings(input: FindingsInput): Finding[] {
  return runDetectors(input, DETECTORS);
}

function runDetectors(input: FindingsInput, detectors: Detector[]): Finding[] {
  let key: ParsedKey | undefined;
  const parsed =
    input.parsedKey ?? (input.keyText !== undefined ? parseKey(input.keyText) : undefined);
  if (parsed?.ok) key = parsed.value;
  // A token has a handful of findings: a list searched in place, no map.
  const out: Finding[] = [];
  for (const detect of detectors)
    for (const finding of detect(input, key)) {
      const at = out.findIndex((f) => f.id === finding.id);
      const seen = out[at];
      if (!seen) out.push(finding);
      else
        // One element per id on the page: the messages join, the worst severity wins.
        // A new object: detectors' findings may be shared with an earlier call.
        out[at] = {
          ...seen,
          message: `${seen.message} ${finding.message}`,
          severity: rank(finding) < rank(seen) ? finding.severity : seen.severity,
        };
    }
  // Stable: findings of one severity keep the detectors' order. Sorted only
  // when out of order: a sort copies the list even when there is nothing to do.
  for (let i = 1; i < out.length; i++)
    if (rank(out[i]!) < rank(out[i - 1]!)) return out.sort((a, b) => rank(a) - rank(b));
  return out;
}

const rank = (finding: Finding) => SEVERITIES.indexOf(finding.severity);

/** The large list of well-known secrets (lower case), loaded on demand. */
export async function loadWeakSecrets(): Promise<ReadonlySet<string>> {
  const { WEAK_SECRETS } = await import('./weak-secrets');
  return new Set(WEAK_SECRETS.map((s) => s.toLowerCase()));
}
