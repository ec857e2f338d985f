/**
 * Claim and header names explained inside the JSON editors: a hover note
 * with the registry's meaning (src/lib/claims/registry.ts), and a small
 * completion list for member names. Hand-written on purpose: CodeMirror's
 * tooltips and @codemirror/autocomplete live in modules the first screen
 * already loads, so even a lazy import of them grew it by ~5 KB gzipped.
 * This module is loaded on demand by ./claim-help.ts.
 */
import type { Extension } from '@codemirror/state';
import type { EditorView, ViewUpdate } from '@codemirror/view';
import { CLAIMS, HEADER_PARAMETERS, type RegistryEntry } from '../lib/claims/registry';
import type { HelpDeps, NameKind } from './claim-help';

// Filled by helpExtensions: the CodeMirror classes and registry tables come
// from the caller, so this chunk imports nothing the first screen already has
// (a shared import would split the editor chunk and cost ~1.7 KB gzipped).
let deps: HelpDeps;
const registry = (kind: NameKind): readonly RegistryEntry[] =>
  kind === 'header' ? HEADER_PARAMETERS : CLAIMS;

/** A JSON string under `pos` that is a member name (followed by `:`), with its span. */
export function memberNameAt(
  text: string,
  pos: number,
): { name: string; from: number; to: number } | undefined {
  // Walk the strings from the start, so quotes inside strings never confuse us.
  // Unrolled, so a string of megabytes cannot overflow the regex stack.
  const re = /"[^"\\\n]*(?:\\.[^"\\\n]*)*"?/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const from = m.index;
    const to = from + m[0].length;
    if (from > pos) return undefined;
    if (pos > to) continue;
    if (!/^\s*:/.test(text.slice(to))) return undefined;
    try {
      return { name: JSON.parse(m[0]) as string, from, to };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Is `pos` where a member name goes: inside a string that follows `{` or `,`? */
export function nameSlotAt(text: string, pos: number): { from: number; typed: string } | undefined {
  const before = text.slice(0, pos);
  const open = /"([^"\\\n]*)$/.exec(before);
  if (!open) return undefined;
  const quote = pos - open[0].length;
  // Count the quotes before this one: an odd count means we are after a string, not in one.
  const quotes = (text.slice(0, quote).match(/(?<!\\)"/g) ?? []).length;
  if (quotes % 2 !== 0) return undefined;
  if (!/[{,]\s*$/.test(text.slice(0, quote))) return undefined;
  return { from: quote + 1, typed: open[1]! };
}

/** The entries whose names start with what was typed, in registry order. */
export function completionsFor(entries: readonly RegistryEntry[], typed: string): RegistryEntry[] {
  const lower = typed.toLowerCase();
  return entries.filter((e) => e.name.toLowerCase().startsWith(lower));
}

function tooltipDom(entry: RegistryEntry): HTMLElement {
  const dom = document.createElement('div');
  dom.className = 'cm-claim-help';
  const title = document.createElement('strong');
  title.textContent = `${entry.name}: ${entry.title}`;
  const meaning = document.createElement('p');
  meaning.textContent = entry.meaning;
  const spec = document.createElement('small');
  spec.textContent = entry.spec;
  dom.append(title, meaning, spec);
  return dom;
}

const helpTheme = () =>
  deps.EditorView.baseTheme({
    '.cm-claim-help, .cm-claim-complete': {
      position: 'fixed',
      zIndex: '50',
      background: 'var(--panel, #fff)',
      color: 'var(--text, #000)',
      border: '1px solid var(--line, #ccc)',
      borderRadius: '6px',
      boxShadow: '0 2px 8px rgb(0 0 0 / 20%)',
      fontFamily: 'var(--sans)',
      fontSize: '0.8rem',
    },
    '.cm-claim-help': { padding: '4px 8px', maxWidth: '22rem', pointerEvents: 'none' },
    '.cm-claim-help p': { margin: '2px 0' },
    '.cm-claim-complete': {
      margin: 0,
      padding: '2px 0',
      listStyle: 'none',
      maxHeight: '12rem',
      overflowY: 'auto',
    },
    '.cm-claim-complete li': { padding: '1px 8px', cursor: 'pointer', whiteSpace: 'nowrap' },
    '.cm-claim-complete li[aria-selected=true]': {
      background: 'var(--focus, #2f6fde)',
      color: '#fff',
    },
    '.cm-claim-complete small': { marginLeft: '0.5rem', opacity: '0.8' },
  });

function place(el: HTMLElement, x: number, y: number) {
  // CSSOM, not a style attribute: allowed by the page's Content-Security-Policy.
  el.style.left = `${Math.max(4, Math.min(x, window.innerWidth - el.offsetWidth - 4))}px`;
  el.style.top = `${y}px`;
}

/** Hover a member name to read what it means. */
function claimHover(kind: NameKind): Extension {
  const byName = new Map(registry(kind).map((e) => [e.name, e]));
  return deps.ViewPlugin.define((view) => {
    let shown: { name: string; dom: HTMLElement } | undefined;
    const hide = () => {
      shown?.dom.remove();
      shown = undefined;
    };
    const move = (event: MouseEvent) => {
      const pos = view.posAtCoords({ x: event.clientX, y: event.clientY }, false);
      const line = view.state.doc.lineAt(pos);
      const hit = memberNameAt(line.text, pos - line.from);
      const entry = hit && byName.get(hit.name);
      if (!hit || !entry) return hide();
      if (shown?.name === entry.name) return;
      hide();
      const dom = tooltipDom(entry);
      dom.setAttribute('role', 'tooltip');
      view.dom.append(dom);
      shown = { name: entry.name, dom };
      const at = view.coordsAtPos(line.from + hit.from);
      if (at) place(dom, at.left, Math.max(4, at.top - dom.offsetHeight - 4));
    };
    view.contentDOM.addEventListener('mousemove', move);
    view.contentDOM.addEventListener('mouseleave', hide);
    return {
      update: (u: ViewUpdate) => void (u.docChanged && hide()),
      destroy() {
        hide();
        view.contentDOM.removeEventListener('mousemove', move);
        view.contentDOM.removeEventListener('mouseleave', hide);
      },
    };
  });
}

/** A small completion list for member names: arrows to choose, Enter or Tab to take, Escape to close. */
function claimComplete(kind: NameKind): Extension {
  const plugin = deps.ViewPlugin.define((view) => {
    const list = document.createElement('ul');
    list.className = 'cm-claim-complete';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', kind === 'header' ? 'Header parameters' : 'Claims');
    let options: RegistryEntry[] = [];
    let from = 0;
    let selected = 0;
    let closedAt = -1;
    const close = () => {
      list.remove();
      options = [];
    };
    const render = () => {
      list.replaceChildren(
        ...options.map((o, i) => {
          const li = document.createElement('li');
          li.setAttribute('role', 'option');
          li.setAttribute('aria-selected', String(i === selected));
          li.textContent = o.name;
          const small = document.createElement('small');
          small.textContent = o.title;
          li.append(small);
          li.title = `${o.meaning} (${o.spec})`;
          li.addEventListener('mousedown', (e) => {
            e.preventDefault();
            selected = i;
            accept();
          });
          return li;
        }),
      );
    };
    const accept = () => {
      const entry = options[selected];
      if (!entry) return false;
      const pos = view.state.selection.main.head;
      const closed = view.state.doc.sliceString(pos, pos + 1) === '"';
      const insert = closed ? entry.name : `${entry.name}": `;
      view.dispatch({
        changes: { from, to: pos, insert },
        selection: { anchor: from + insert.length },
        userEvent: 'input.complete',
      });
      close();
      return true;
    };
    const refresh = () => {
      const pos = view.state.selection.main.head;
      const slot =
        view.hasFocus && pos !== closedAt ? nameSlotAt(view.state.doc.toString(), pos) : undefined;
      const found = slot && slot.typed.length > 0 ? completionsFor(registry(kind), slot.typed) : [];
      if (!slot || found.length === 0 || (found.length === 1 && found[0]!.name === slot.typed))
        return close();
      options = found;
      from = slot.from;
      selected = Math.min(selected, found.length - 1);
      render();
      if (!list.isConnected) view.dom.append(list);
      // Layout may not be read inside an update: measure afterwards.
      view.requestMeasure({
        read: (v) => v.coordsAtPos(pos),
        write: (at) => void (at && place(list, at.left, at.bottom + 2)),
      });
    };
    return {
      update(u: ViewUpdate) {
        if (u.docChanged && u.transactions.some((t) => t.isUserEvent('input.type'))) {
          selected = 0;
          closedAt = -1;
          refresh();
        } else if (u.docChanged || u.selectionSet || u.focusChanged) {
          if (list.isConnected) refresh();
        }
      },
      destroy: close,
      keys: {
        move(by: number) {
          if (!options.length) return false;
          selected = (selected + by + options.length) % options.length;
          render();
          return true;
        },
        accept,
        escape() {
          if (!options.length) return false;
          closedAt = view.state.selection.main.head;
          close();
          return true;
        },
      },
    };
  });
  const run =
    (f: (keys: { move(by: number): boolean; accept(): boolean; escape(): boolean }) => boolean) =>
    (view: EditorView) => {
      const p = view.plugin(plugin);
      return p ? f(p.keys) : false;
    };
  return [
    plugin,
    deps.Prec.highest(
      deps.keymap.of([
        { key: 'ArrowDown', run: run((k) => k.move(1)) },
        { key: 'ArrowUp', run: run((k) => k.move(-1)) },
        { key: 'Enter', run: run((k) => k.accept()) },
        { key: 'Tab', run: run((k) => k.accept()) },
        { key: 'Escape', run: run((k) => k.escape()) },
      ]),
    ),
  ];
}

/** Hover help and completion for one editor's member names. */
export function helpExtensions(kind: NameKind, given: HelpDeps): Extension {
  deps = given;
  return [helpTheme(), claimHover(kind), claimComplete(kind)];
}
