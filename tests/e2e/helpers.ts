/**
 * Shared hooks for the end-to-end tests. Everything here drives the page only
 * through the data-testid hooks of docs' UI contract (/work/shared/ui-contract.md):
 * editors are filled by clicking their surface, Control+A, Delete and
 * `keyboard.insertText`, and read back from the whole CodeMirror document.
 */
import { test as base, expect, type Locator, type Page } from '@playwright/test';

/** Statuses `signature-status[data-status]` can take (plus the page's transient `checking`). */
export type SignatureStatus =
  'verified' | 'invalid' | 'unsigned' | 'needs-key' | 'key-error' | 'malformed';

/**
 * `test` with an automatic fixture that collects `pageerror` events and
 * console messages of type `error`: any of them fails the test (no error on
 * the browser console while using any of it).
 */
export const test = base.extend<{ browserErrors: string[] }>({
  browserErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(`pageerror: ${error.name}: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') {
          const where = message.location();
          errors.push(
            `console.error: ${message.text()}${where.url ? ` (${where.url}:${where.lineNumber})` : ''}`,
          );
        }
      });
      await use(errors);
      expect(errors, 'no page error and no console error while the test ran').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Open the page and wait for the first screen (the sample token, verified). */
export async function openLab(page: Page): Promise<void> {
  await page.goto('./');
  await expect(page.getByTestId('token-input')).toBeVisible();
  await expectStatus(page, 'verified');
}

/**
 * An editor's one editable element: CodeMirror's `.cm-content`, or before the editor has loaded
 * (on its first focus) the editable preview that hands what is typed over to it.
 */
export const EDITABLE = '[contenteditable]:not([contenteditable="false"])';

/** The editable surface of the editor named `testid`: the element itself or its one editable element. */
async function surfaceOf(page: Page, testid: string): Promise<Locator> {
  const element = page.getByTestId(testid);
  const isSurface = await element.evaluate(
    (el) =>
      el instanceof HTMLInputElement ||
      el instanceof HTMLTextAreaElement ||
      el.classList.contains('cm-content'),
  );
  return isSurface ? element : element.locator(EDITABLE);
}

/**
 * Make sure the CodeMirror editor `testid` exists (it loads on the first focus): click its
 * surface if needed and wait for its `editorView`, for tests that drive the view directly.
 */
export async function wakeEditor(page: Page, testid: string): Promise<void> {
  const hasView = () =>
    page
      .getByTestId(testid)
      .evaluate((el) => !!(el as Element & { editorView?: unknown }).editorView);
  if (await hasView()) return;
  await (await surfaceOf(page, testid)).click();
  await expect.poll(hasView, { message: `${testid} has its editor` }).toBe(true);
}

/**
 * Replace the text of the editor `testid` the way a person does: click the
 * surface, select all, delete, insert the new text.
 */
export async function setEditor(page: Page, testid: string, text: string): Promise<void> {
  const surface = await surfaceOf(page, testid);
  await surface.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  if (text !== '') await page.keyboard.insertText(text);
  // The editor's whole document must now be exactly the text (a number input: the same number).
  const numeric = await page
    .getByTestId(testid)
    .evaluate((el) => el instanceof HTMLInputElement && el.type === 'number');
  if (numeric)
    await expect
      .poll(async () => Number(await readEditor(page, testid)), {
        message: `${testid} holds ${text}`,
        intervals: [50, 100, 200, 400],
      })
      .toBe(Number(text));
  else
    await expect
      .poll(() => readEditor(page, testid), {
        message: `${testid} holds the inserted text`,
        intervals: [50, 100, 200, 400],
      })
      .toBe(text);
}

/** The whole text of the editor `testid` (the EditorView document, not just what is drawn). */
export async function readEditor(page: Page, testid: string): Promise<string> {
  return page.getByTestId(testid).evaluate((el) => {
    if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) return el.value;
    type WithView = Element & {
      editorView?: { state: { doc: { toString(): string } } };
      editorText?: string;
    };
    // The wrapper holds the view; when the test id sits on `.cm-content`, look up.
    const candidates: (Element | null | undefined)[] = [
      el,
      el.parentElement,
      el.closest('.cm-editor')?.parentElement,
    ];
    const holder = candidates.find((node) => !!node && !!(node as WithView).editorView) as
      WithView | undefined;
    if (holder?.editorView) return holder.editorView.state.doc.toString();
    // Before the editor has loaded, its wrapper gives the text its preview holds.
    if (typeof (el as WithView).editorText === 'string') return (el as WithView).editorText!;
    const content = el.classList.contains('cm-content') ? el : el.querySelector('.cm-content');
    return (content as HTMLElement | null)?.innerText ?? '';
  });
}

/**
 * The editor `testid` read as JSON, or its raw text while it is not JSON yet. For `expect.poll`,
 * which fails at the first exception instead of polling again: an editor that still holds the
 * previous text must read as "not yet", not throw.
 */
export async function readEditorJson(page: Page, testid: string): Promise<unknown> {
  const text = await readEditor(page, testid);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Poll until `signature-status[data-status]` reads `status`. */
export async function expectStatus(page: Page, status: SignatureStatus): Promise<void> {
  await expect(page.getByTestId('signature-status')).toHaveAttribute('data-status', status);
}

/** Poll until the claim row `claim-<name>` reads `status`. */
export async function expectClaim(
  page: Page,
  name: string,
  status: 'ok' | 'fail' | 'warn' | 'info',
): Promise<void> {
  await expect(page.getByTestId(`claim-${name}`)).toHaveAttribute('data-status', status);
}

/**
 * Start recording every value `signature-status[data-status]` takes from now
 * on (including values replaced within one task), for "never shown as
 * verified" checks. Read them with {@link recordedStatuses}.
 */
export async function recordStatuses(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __statuses: string[]; __statusObserver?: MutationObserver };
    w.__statusObserver?.disconnect();
    w.__statuses = [];
    const note = (value: string | null | undefined) => {
      if (value && w.__statuses[w.__statuses.length - 1] !== value) w.__statuses.push(value);
    };
    const current = () =>
      document.querySelector('[data-testid="signature-status"]')?.getAttribute('data-status');
    note(current());
    w.__statusObserver = new MutationObserver((records) => {
      for (const record of records) {
        const target = record.target as Element;
        if (
          record.type === 'attributes' &&
          target.getAttribute('data-testid') === 'signature-status'
        ) {
          note(record.oldValue);
          note(target.getAttribute('data-status'));
        }
      }
      note(current());
    });
    w.__statusObserver.observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-status'],
      attributeOldValue: true,
    });
  });
}

/** The statuses seen since {@link recordStatuses}, in order, without repeats. */
export async function recordedStatuses(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __statuses: string[] }).__statuses.slice(1));
}

/**
 * Make a key for `alg` with the key tools (on the first screen's sample token)
 * and wait until the page has re-signed the token with it; returns that token.
 */
export async function generateKeyAndSign(page: Page, alg: string): Promise<string> {
  // The sample is HS256 already: wait for the token the new key signs, not its alg alone.
  const sample = await readEditor(page, 'token-input');
  await page.getByTestId('keygen-alg').selectOption(alg);
  await page.getByTestId('keygen-run').click();
  await expect
    .poll(async () => {
      const token = await readEditor(page, 'token-input');
      if (token === sample) return undefined;
      try {
        return decodePart(token, 0).alg;
      } catch {
        return token; // not a token yet: poll again (expect.poll stops at a throw)
      }
    })
    .toBe(alg);
  await expectStatus(page, 'verified');
  return readEditor(page, 'token-input');
}

/** Decode one base64url part of a compact token as JSON (in node). */
export function decodePart<T = Record<string, unknown>>(token: string, index: 0 | 1): T {
  return JSON.parse(
    Buffer.from(token.trim().split('.')[index]!, 'base64url').toString('utf8'),
  ) as T;
}

/** Replace an editor's whole document at once (for bulk input; same path as typing into it). */
export async function putText(
  page: Page,
  testid: string,
  text: string,
  settle = true,
): Promise<void> {
  await wakeEditor(page, testid);
  await page.getByTestId(testid).evaluate(
    async (el, [value, wait]) => {
      type View = { state: { doc: { length: number } }; dispatch(spec: unknown): void };
      const view = (el as Element & { editorView?: View }).editorView;
      if (!view) throw new Error('no editor view');
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: value } });
      if (wait) await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      else await new Promise((resolve) => setTimeout(resolve, 0));
    },
    [text, settle] as const,
  );
}
