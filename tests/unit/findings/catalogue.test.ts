/**
 * The catalogue against its source of truth, security-checks.md: the same ids
 * and severities in the same order (but for the checks later issues add), and
 * the table's lesson and RFC and CVE references for each check.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../../src/lib/findings';
import { CHECK_DETAILS } from '../../../src/lib/findings/catalogue-details';

// The document sits beside the checkout (../shared, as in CI); SHARED_DIR
// points elsewhere. Without it the catalogue cannot be checked: fail, not skip.
const source = process.env.SHARED_DIR
  ? pathToFileURL(resolve(process.env.SHARED_DIR, 'security-checks.md'))
  : new URL('../../../../shared/security-checks.md', import.meta.url);
const markdown = existsSync(source) ? readFileSync(source, 'utf8') : '';

/** The table's rows; a `\|` inside a cell is text, not a column. */
const table = markdown
  .split('\n')
  .filter((line) => line.startsWith('| `'))
  .map((line) => {
    const [id = '', severity, , lesson = '', reference = ''] = line
      .split(/(?<!\\)\|/)
      .slice(1, -1)
      .map((cell) => cell.trim());
    return { id: id.replaceAll('`', ''), severity, lesson, reference };
  });

// Checks the document lists that the engine does not have yet. Remove an id
// as its check lands: the comparison below then expects it in the catalogue.
const PENDING: string[] = [];

/** A lesson as the table and the catalogue both write it: code marks and full stop aside. */
const plain = (text: string) => text.replaceAll('`', '"').replace(/\.$/, '').toLowerCase();
/** RFC numbers (with section) and CVE ids in a reference cell; "RFC 8725bis" is a draft, not RFC 8725. */
const ids = (text: string) => text.match(/RFC \d+(?![\w])(?: §[\d.]+)?|CVE-\d+-\d+/g) ?? [];

describe('the catalogue', () => {
  it('has why it matters for every check, and nothing for a check it lacks', () => {
    expect(Object.keys(CHECK_DETAILS).sort()).toEqual(CHECKS.map((c) => c.id).sort());
    for (const detail of Object.values(CHECK_DETAILS)) {
      expect(detail.why.length).toBeGreaterThan(40);
      if (detail.fix !== undefined) expect(detail.fix.length).toBeGreaterThan(10);
    }
  });

  it('finds security-checks.md', () => {
    expect(
      existsSync(source),
      `security-checks.md not found at ${fileURLToPath(source)}: check out the shared folder beside this checkout, or set SHARED_DIR to the folder that holds it`,
    ).toBe(true);
    expect(table.length).toBeGreaterThan(30);
  });

  it('has the ids and severities of security-checks.md in its order, but for the pending ones', () => {
    expect(CHECKS.map((c) => ({ id: c.id, severity: c.severity }))).toEqual(
      table
        .filter((row) => !PENDING.includes(row.id))
        .map((row) => ({ id: row.id, severity: row.severity })),
    );
  });

  it.each(PENDING)('pending %s is in the document and not yet in the catalogue', (id) => {
    expect(table.map((row) => row.id)).toContain(id);
    expect(CHECKS.map((c) => c.id)).not.toContain(id);
  });

  it.each(CHECKS)('$id teaches the lesson and cites the references of the table', (c) => {
    const row = table.find((r) => r.id === c.id);
    expect(row, `${c.id} in security-checks.md`).toBeDefined();
    // The catalogue may go on after the table's words, never say something else.
    if (row!.lesson) expect(plain(c.lesson).startsWith(plain(row!.lesson)), c.lesson).toBe(true);
    const labels = c.references.map((r) => r.label);
    for (const id of ids(row!.reference)) expect(labels).toContain(id);
    for (const r of c.references) expect(r.url).toMatch(/^https:\/\//);
  });
});
