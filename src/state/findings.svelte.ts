/**
 * The security findings for the page, built on `lab`: the findings engine
 * (with its catalogue of lessons) loads on demand right after the first
 * screen, and the large weak-secret list only once the key is a secret.
 * Also turns each finding's location into marks for the three editors.
 */
import { messageOf, scanJson, type JsonMember } from '../lib';
import type { Problem } from '../editor/problems';
import type { Check, Finding } from '../lib/findings';
import { lab } from './lab.svelte';

/** A finding with its catalogue entry, as the list shows it. */
export interface ShownFinding extends Finding {
  check: Check;
}

const TONE: Record<Finding['severity'], Problem['severity']> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'info',
  info: 'info',
};

/** Where the top-level members of an editor's JSON text stand; undefined when it is not JSON. */
function topMembers(text: string): JsonMember[] | undefined {
  const scanned = scanJson(text);
  return scanned.ok ? scanned.scan.members.filter((m) => m.path === '') : undefined;
}

/** Marks for findings located at members of the JSON in an editor's own (formatted) text. */
function jsonMarks(
  findings: ShownFinding[],
  part: 'header' | 'payload',
  members: () => JsonMember[] | undefined,
): Problem[] {
  const located = findings.filter((f) => f.location?.part === part && f.location.member);
  if (!located.length) return [];
  const top = members();
  if (!top) return [];
  return located.flatMap((f) =>
    top
      .filter((m) => m.name === f.location!.member)
      .map((m) => ({
        // In the header the value is the point ("alg": "none"); in the payload the member.
        from: part === 'header' ? m.valueFrom : m.nameFrom,
        to: m.valueTo,
        severity: TONE[f.severity],
        message: `${f.check.title}: ${f.message}`,
      })),
  );
}

class FindingsState {
  /** Why the engine could not load, if it could not. */
  loadError = $state('');
  #weakRequested = false;

  /** True until the findings engine has loaded. */
  get loading(): boolean {
    return !lab.tools.findings && !this.loadError;
  }

  /** The report's findings, each with its catalogue entry. */
  list: ShownFinding[] = $derived.by(() => {
    const engine = lab.tools.findings;
    const found = lab.report.findings;
    if (!engine || !found) return [];
    return found.map((f) => ({ ...f, check: engine.CHECK_BY_ID.get(f.id)! }));
  });

  // Scanned once per text, when a finding asks where a member is: the clock's
  // tick renews the findings every second, and a payload may be megabytes.
  #headerMembers = $derived(topMembers(lab.headerText));
  #payloadMembers = $derived(topMembers(lab.payloadText));
  headerMarks: Problem[] = $derived(jsonMarks(this.list, 'header', () => this.#headerMembers));
  payloadMarks: Problem[] = $derived(jsonMarks(this.list, 'payload', () => this.#payloadMembers));
  tokenMarks: Problem[] = $derived.by(() => {
    if (!lab.decoded.ok) return [];
    // A token rejoined or unescaped out of the pasted text has no place in it to mark.
    const found = lab.report.found;
    if (found && found.at === undefined) return [];
    const { segments } = lab.decoded.value;
    return this.list.flatMap((f) => {
      const part = f.location?.part;
      // Header and payload members are marked in their JSON editors instead.
      if (!part || part === 'token' || f.location?.member) return [];
      const segment = segments.find((s) => s.part === part);
      if (!segment || segment.to <= segment.from) return [];
      return [
        {
          from: segment.from,
          to: segment.to,
          severity: TONE[f.severity],
          message: `${f.check.title}: ${f.message}`,
        },
      ];
    });
  });

  /** Start loading the engine; the weak-secret list follows once the key is a secret. */
  start(): void {
    if (lab.tools.findings) return;
    import('../lib/findings')
      .then((engine) => lab.useTools({ findings: engine }))
      .catch((cause: unknown) => {
        this.loadError = `The security checks could not load: ${messageOf(cause)}`;
      });
    $effect.root(() => {
      $effect(() => {
        const engine = lab.tools.findings;
        if (!engine || this.#weakRequested) return;
        const key = lab.parsedKey;
        const secretish = key.ok && (key.value.kind === 'secret' || key.value.kind === 'jwk');
        if (!secretish) return;
        this.#weakRequested = true;
        engine
          .loadWeakSecrets()
          .then((set) => lab.useTools({ weakSecrets: set }))
          // Without the long list the short built-in one still catches the commonest secrets.
          .catch(() => undefined);
      });
    });
  }
}

/** The page's findings. */
export const findings = new FindingsState();
