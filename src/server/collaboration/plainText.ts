import * as Y from 'yjs';

/** Tiptap (y-prosemirror) keeps the editor content in this XmlFragment. */
export const EDITOR_FIELD = 'default';

/** Nodes that hold inline content: each is one line of the plain text. */
const textBlocks = new Set(['paragraph', 'heading', 'codeBlock']);

function inlineText(element: Y.XmlElement): string {
  let out = '';
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as { insert?: unknown }[]) if (typeof op.insert === 'string') out += op.insert;
    } else if (child instanceof Y.XmlElement) {
      out += child.nodeName === 'hardBreak' ? '\n' : inlineText(child);
    }
  }
  return out;
}

function blockLines(node: Y.XmlElement | Y.XmlFragment, prefix = ''): string[] {
  if (node instanceof Y.XmlElement && (textBlocks.has(node.nodeName) || node.toArray().some((c) => c instanceof Y.XmlText))) {
    return [prefix + inlineText(node)];
  }
  const lines: string[] = [];
  let n = 0;
  for (const child of node.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue;
    if (child.nodeName === 'horizontalRule') continue;
    n++;
    const parent = node instanceof Y.XmlElement ? node.nodeName : '';
    const marker = child.nodeName === 'listItem' ? (parent === 'orderedList' ? `${n}. ` : '- ') : '';
    const childLines = blockLines(child, marker);
    // Continuation lines of a list item line up under its text.
    for (const l of childLines) lines.push((lines.length === 0 ? prefix : ' '.repeat(prefix.length)) + l);
  }
  return lines;
}

/**
 * The plain text of shared notes for minutes and search: one line per paragraph (or heading, code
 * block, list item), list items marked `- ` or `1. `, formatting dropped.
 */
export function plainTextOf(doc: Y.Doc): string {
  return blockLines(doc.getXmlFragment(EDITOR_FIELD)).join('\n');
}
