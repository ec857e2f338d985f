/**
 * What a person typed into the prerendered page before its part came to life.
 * The page can be used as soon as it is painted, seconds before the app takes
 * it over on a slow phone; hydrating a part writes the state's values into
 * its fields (a typed leeway became 0 again), and an editor's preview may be
 * drawn afresh. So each part's typed values are read before it is hydrated
 * and typed in again after, through the same `input` events a person's
 * typing fires: each component takes them by its own rules, as if typed now.
 */
import { previewSelection, previewText } from './editor/preview-text';

type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** One typed value, by the `data-testid` (or `id`) of its field or editor. */
interface Typed {
  name: string;
  kind: 'value' | 'checked' | 'editor';
  value: string;
  checked: boolean;
  /** The selection, when the field or editor had the focus. */
  selection?: [number, number];
  focused: boolean;
}

/** A field by its own test id or id; a preview by its editor's test id. */
const nameOf = (el: HTMLElement) =>
  el.dataset.testid ||
  (el.matches('.preview') ? el.closest('[data-testid]')?.getAttribute('data-testid') : el.id) ||
  '';

function changed(field: Field): Typed['kind'] | undefined {
  if (field instanceof HTMLSelectElement)
    return [...field.options].some((o) => o.selected !== o.defaultSelected) ? 'value' : undefined;
  if (field instanceof HTMLInputElement && (field.type === 'checkbox' || field.type === 'radio'))
    return field.checked !== field.defaultChecked ? 'checked' : undefined;
  return field.value !== field.defaultValue ? 'value' : undefined;
}

function fieldSelection(field: Field): [number, number] | undefined {
  // Number inputs and selects have no text selection (null, or a throw in older browsers).
  try {
    const { selectionStart, selectionEnd } = field as HTMLInputElement;
    return selectionStart === null || selectionEnd === null
      ? undefined
      : [selectionStart, selectionEnd];
  } catch {
    return undefined;
  }
}

/** The values typed into `root`'s fields and editor previews before it came to life. */
export function readTyped(root: HTMLElement): Typed[] {
  const typed: Typed[] = [];
  for (const field of root.querySelectorAll<Field>('input, select, textarea')) {
    const kind = changed(field);
    const name = nameOf(field);
    if (!kind || !name) continue;
    const focused = document.activeElement === field;
    typed.push({
      name,
      kind,
      value: field.value,
      checked: (field as HTMLInputElement).checked,
      focused,
      ...(focused ? { selection: fieldSelection(field) } : {}),
    });
  }
  // Editor previews mark themselves when typed into (plugins/boot.js, CodeEditor.svelte).
  for (const preview of root.querySelectorAll<HTMLElement>('.preview[data-typed]')) {
    const name = nameOf(preview);
    if (!name) continue;
    const focused = preview.contains(document.activeElement);
    const selection = focused ? previewSelection(preview) : undefined;
    typed.push({
      name,
      kind: 'editor',
      value: previewText(preview),
      checked: false,
      focused,
      ...(selection ? { selection } : {}),
    });
  }
  return typed;
}

/** Type `typed` again into `root`'s fields and editor previews, now that it is alive. */
export function typeAgain(root: HTMLElement, typed: readonly Typed[]): void {
  for (const entry of typed) {
    const host =
      root.querySelector(`[data-testid="${CSS.escape(entry.name)}"]`) ??
      root.querySelector(`#${CSS.escape(entry.name)}`);
    if (!host) continue;
    if (entry.kind === 'editor') {
      const preview = host.querySelector<HTMLElement>('.preview');
      if (!preview) continue;
      // One text node: hydration may have rewritten the runs the person had typed into.
      preview.textContent = entry.value;
      preview.dataset.typed = '';
      if (entry.focused) {
        preview.focus();
        const text = preview.firstChild ?? preview;
        const [from, to] = entry.selection ?? [entry.value.length, entry.value.length];
        window.getSelection()?.setBaseAndExtent(text, from, text, to);
      }
      preview.dispatchEvent(new Event('input', { bubbles: true }));
      continue;
    }
    const field = host.matches('input, select, textarea')
      ? (host as Field)
      : host.querySelector<Field>('input, select, textarea');
    if (!field) continue;
    if (entry.kind === 'checked') (field as HTMLInputElement).checked = entry.checked;
    else field.value = entry.value;
    field.dispatchEvent(new Event('input', { bubbles: true }));
    field.dispatchEvent(new Event('change', { bubbles: true }));
    if (entry.focused && document.activeElement !== field) field.focus();
    if (entry.focused && entry.selection && 'setSelectionRange' in field)
      (field as HTMLInputElement).setSelectionRange(...entry.selection);
  }
}
