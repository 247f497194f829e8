import type { Nodes, Root } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";

const SCHEME = /^[a-z][a-z0-9+.-]*:/iu;

/**
 * The note's relative links (`docs/guides/order-sync.md`) made absolute
 * against the note's own address, so that they still work in an issue or
 * an e-mail. Only the link destinations change; the words stay as written.
 */
export function absolutizeNoteLinks(markdown: string, baseUrl: string): string {
  let tree: Root;
  try {
    tree = fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  } catch {
    return markdown;
  }
  const edits: { start: number; end: number; text: string }[] = [];
  const visit = (node: Nodes): void => {
    if ((node.type === "link" || node.type === "definition" || node.type === "image") && !SCHEME.test(node.url) && !node.url.startsWith("#") && node.url !== "") {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start !== undefined && end !== undefined) {
        const source = markdown.slice(start, end);
        const marker = node.type === "definition" ? "]:" : "](";
        const at = source.lastIndexOf(marker);
        const urlAt = at < 0 ? -1 : source.indexOf(node.url, at + marker.length);
        if (urlAt >= 0) {
          let absolute: string | null;
          try {
            absolute = new URL(node.url, baseUrl).href;
          } catch {
            absolute = null;
          }
          if (absolute !== null) edits.push({ start: start + urlAt, end: start + urlAt + node.url.length, text: absolute });
        }
      }
    }
    if ("children" in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(tree);
  let out = markdown;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
