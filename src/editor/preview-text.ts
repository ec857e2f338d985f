/**
 * The text of an editor's static preview (CodeEditor.svelte) once a person
 * has typed into it: the preview is editable, so that typing before the
 * editor exists is not lost, and its text then has to be read back from the
 * DOM as the editor would read it. No CodeMirror here: the preview is what
 * stands in for it until it loads.
 */

const isBlock = (node: Node) => node.nodeName === 'DIV' || node.nodeName === 'P';

/**
 * The text of `root` (a preview, or a fragment cloned from one): its blocks
 * (the preview's `.line`s, or those the browser adds on Enter) are lines, and
 * a `<br>` breaks a line unless it is a block's last child, where it only
 * holds an empty line open.
 */
export function previewText(root: Node): string {
  const lines: string[] = [];
  let line = '';
  let open = false;
  const end = () => {
    lines.push(line);
    line = '';
    open = false;
  };
  const visit = (parent: Node) => {
    for (const node of parent.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) {
        line += node.nodeValue ?? '';
        open = true;
      } else if (node.nodeName === 'BR') {
        if (node.nextSibling || !isBlock(parent)) end();
        else open = true;
      } else if (isBlock(node)) {
        if (open || line) end();
        visit(node);
        end();
      } else visit(node);
    }
  };
  visit(root);
  if (open || line) end();
  return lines.join('\n');
}

/** The selection inside `preview` as text offsets (anchor, head), if it is there. */
export function previewSelection(preview: HTMLElement): [number, number] | undefined {
  const selection = window.getSelection();
  if (!selection?.anchorNode || !selection.focusNode) return undefined;
  if (!preview.contains(selection.anchorNode) || !preview.contains(selection.focusNode))
    return undefined;
  const offset = (node: Node, at: number) => {
    const range = document.createRange();
    range.setStart(preview, 0);
    range.setEnd(node, at);
    return previewText(range.cloneContents()).length;
  };
  return [
    offset(selection.anchorNode, selection.anchorOffset),
    offset(selection.focusNode, selection.focusOffset),
  ];
}
