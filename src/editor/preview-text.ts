/**
 * The text of an editor's static preview (CodeEditor.svelte) once a person
 * has typed into it: the preview is editable, so that typing before the
 * editor exists is not lost, and its text then has to be read back from the
 * DOM as the editor would read it. No CodeMirror here: the preview is what
 * stands in for it until it loads.
 */

const isBlock = (node: Node) => node.nodeName === 'DIV' || node.nodeName === 'P';

/** The next sibling that shows something (not a comment, such as Svelte's hydration marks). */
function nextShown(node: Node): Node | null {
  let next = node.nextSibling;
  while (next && (next.nodeType === Node.COMMENT_NODE || next.nodeValue === ''))
    next = next.nextSibling;
  return next;
}

/** Whether `node` draws anything: text or a line break (an emptied block draws nothing). */
const shows = (node: Node): boolean =>
  node.nodeType === Node.TEXT_NODE
    ? !!node.nodeValue
    : node.nodeName === 'BR' || [...node.childNodes].some(shows);

/**
 * The text of `root`, and the text offset of the DOM position `point` in it.
 * Blocks (the preview's `.line`s, or those the browser adds on Enter) are
 * lines, and a `<br>` breaks a line unless it is a block's last child, where
 * it only holds an empty line open.
 */
function read(root: Node, point?: { node: Node; offset: number }): { text: string; at?: number } {
  const lines: string[] = [];
  let line = '';
  let open = false;
  /** Characters in the finished lines, with their line breaks. */
  let before = 0;
  let at: number | undefined;
  const end = () => {
    lines.push(line);
    before += line.length + 1;
    line = '';
    open = false;
  };
  const mark = (parent: Node, index: number) => {
    if (at === undefined && point?.node === parent && point.offset === index)
      at = before + line.length;
  };
  const visit = (parent: Node) => {
    parent.childNodes.forEach((node, index) => {
      mark(parent, index);
      if (node.nodeType === Node.TEXT_NODE) {
        if (at === undefined && point?.node === node) at = before + line.length + point.offset;
        // Empty text nodes (Svelte's anchors, the browser's leftovers) hold no line open.
        if (!node.nodeValue) return;
        line += node.nodeValue;
        open = true;
      } else if (node.nodeName === 'BR') {
        if (nextShown(node) || !isBlock(parent)) end();
        else open = true;
      } else if (isBlock(node)) {
        if (!shows(node)) return;
        if (open || line) end();
        visit(node);
        end();
      } else visit(node);
    });
    mark(parent, parent.childNodes.length);
  };
  visit(root);
  if (open || line) end();
  const text = lines.join('\n');
  return at === undefined ? { text } : { text, at: Math.min(at, text.length) };
}

/** The text of a preview, as the editor that takes it over reads it. */
export function previewText(preview: Node): string {
  return read(preview).text;
}

/** The selection inside `preview` as text offsets (anchor, head), if it is there. */
export function previewSelection(preview: HTMLElement): [number, number] | undefined {
  const selection = window.getSelection();
  if (!selection?.anchorNode || !selection.focusNode) return undefined;
  const anchor = read(preview, { node: selection.anchorNode, offset: selection.anchorOffset }).at;
  const head = read(preview, { node: selection.focusNode, offset: selection.focusOffset }).at;
  return anchor === undefined || head === undefined ? undefined : [anchor, head];
}
