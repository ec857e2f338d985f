/**
 * The catalogue's SD-JWT findings (../shared/security-checks.md) from what
 * {@link inspectSdJwt} found: a presentation's problems as a reviewer sees them.
 */
import type { Finding } from '../findings/types';
import type { SdJwtFacts } from './inspect';

/** The SD-JWT findings for one presentation. */
export function sdJwtFindings(facts: SdJwtFacts): Finding[] {
  const findings: Finding[] = [];
  const codes = (code: string) => facts.problems.filter((p) => p.code === code);
  const numbers = (list: { disclosure?: number }[]) =>
    list.map((p) => p.disclosure).filter((n) => n !== undefined);
  const unknown = codes('ERR_SD_ALG_UNKNOWN')[0];
  if (unknown)
    findings.push({
      id: 'sd-alg-unknown',
      severity: 'high',
      message: unknown.message,
      location: { part: 'payload', member: '_sd_alg' },
    });
  if (facts.shortSalts.length)
    findings.push({
      id: 'sd-salt-short',
      severity: 'medium',
      message: `The salt of disclosure${plural(facts.shortSalts)} has under 128 bits: anyone holding the digests can try likely values until one matches.`,
    });
  const unmatched = codes('ERR_SD_DISCLOSURE_UNMATCHED');
  if (unmatched.length)
    findings.push({
      id: 'sd-disclosure-unmatched',
      severity: 'medium',
      message: `Disclosure${plural(numbers(unmatched))} matches no digest the issuer signed.`,
    });
  const duplicate = codes('ERR_SD_DIGEST_DUPLICATE');
  if (duplicate.length)
    findings.push({
      id: 'sd-digest-duplicate',
      severity: 'high',
      message: duplicate.map((p) => p.message).join(' '),
    });
  const overwrite = [...codes('ERR_SD_OVERWRITE'), ...codes('ERR_SD_RESERVED_NAME')];
  if (overwrite.length)
    findings.push({
      id: 'sd-overwrite',
      severity: 'high',
      message: overwrite.map((p) => p.message).join(' '),
    });
  if (facts.bound && facts.kb.status === 'absent')
    findings.push({
      id: 'sd-kb-missing',
      severity: 'medium',
      message:
        'The issuer JWT binds a holder key (cnf), and this presentation has no key-binding JWT.',
      location: { part: 'payload', member: 'cnf' },
    });
  return findings;
}

function plural(ns: number[]): string {
  const shown = ns.slice(0, 10).join(', ') + (ns.length > 10 ? ` and ${ns.length - 10} more` : '');
  return ns.length === 1 ? ` ${shown}` : `s ${shown}`;
}
