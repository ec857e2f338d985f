/**
 * The catalogue's SD-JWT rows (RFC 9901), kept apart from catalogue.ts so
 * that file stays readable; ids, severities and references follow
 * ../shared/security-checks.md.
 */
import type { Check } from './catalogue';

const rfc9901 = (section: string) => ({
  label: `RFC 9901 §${section}`,
  url: `https://www.rfc-editor.org/rfc/rfc9901#section-${section}`,
});

/** The SD-JWT checks, in the order of security-checks.md. */
export const SD_JWT_CHECKS = [
  {
    id: 'sd-alg-unknown',
    severity: 'high',
    title: 'Unknown _sd_alg',
    lesson: 'A verifier cannot match disclosures, or matches them with a weak hash.',
    references: [rfc9901('4.1.1')],
  },
  {
    id: 'sd-salt-short',
    severity: 'medium',
    title: 'Short disclosure salt',
    lesson: 'Guessable salts let anyone test values against the digests.',
    references: [rfc9901('9.3')],
  },
  {
    id: 'sd-disclosure-unmatched',
    severity: 'medium',
    title: 'Disclosure the issuer never signed',
    lesson: 'A holder sent something the issuer never signed.',
    references: [rfc9901('7.1')],
  },
  {
    id: 'sd-digest-duplicate',
    severity: 'high',
    title: 'Duplicate digest',
    lesson: 'A digest may appear once: twice means two claims could claim one disclosure.',
    references: [rfc9901('7.1')],
  },
  {
    id: 'sd-overwrite',
    severity: 'high',
    title: 'Disclosure overwrites a claim',
    lesson: 'A disclosed claim may not replace a plain claim, nor be named "_sd" or "...".',
    references: [rfc9901('7.1')],
  },
  {
    id: 'sd-kb-missing',
    severity: 'medium',
    title: 'Key binding missing',
    lesson: 'A stolen presentation can be replayed.',
    references: [rfc9901('4.3'), rfc9901('9.5')],
  },
] as const satisfies readonly Check[];
