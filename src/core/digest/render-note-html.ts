import type { Nodes, Root } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}

/** Options of `renderNoteHtml`. */
export interface NoteHtmlOptions {
  /** Relative links in the note are resolved against this URL (the note file on the web host). */
  readonly baseUrl: string;
  /** The level note headings are rendered at (2-6), so the page's headings stay in order. */
  readonly headingLevel: number;
}

/**
 * A note excerpt (markdown) as HTML that is safe to send anywhere: no raw
 * HTML (shown as text; comments dropped), no script or remote resource
 * (images become links), only http(s) and mailto links, relative links
 * made absolute, every heading at `headingLevel`.
 */
export function renderNoteHtml(markdown: string, options: NoteHtmlOptions): string {
  let tree: Root;
  try {
    tree = fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  } catch {
    return `<p>${escapeHtml(markdown)}</p>`;
  }
  const level = Math.min(6, Math.max(2, options.headingLevel));
  const href = (url: string): string | null => {
    try {
      const resolved = new URL(url, options.baseUrl);
      return resolved.protocol === "https:" || resolved.protocol === "http:" || resolved.protocol === "mailto:" ? resolved.href : null;
    } catch {
      return null;
    }
  };
  const out: string[] = [];
  const walk = (node: Nodes): void => {
    const children = (): void => {
      if ("children" in node) for (const child of node.children) walk(child as Nodes);
    };
    switch (node.type) {
      case "root":
        children();
        return;
      case "paragraph":
        out.push("<p>");
        children();
        out.push("</p>\n");
        return;
      case "heading":
        out.push(`<h${level}>`);
        children();
        out.push(`</h${level}>\n`);
        return;
      case "text":
        out.push(escapeHtml(node.value));
        return;
      case "emphasis":
        out.push("<em>");
        children();
        out.push("</em>");
        return;
      case "strong":
        out.push("<strong>");
        children();
        out.push("</strong>");
        return;
      case "delete":
        out.push("<del>");
        children();
        out.push("</del>");
        return;
      case "inlineCode":
        out.push(`<code>${escapeHtml(node.value)}</code>`);
        return;
      case "code":
        out.push(`<pre><code>${escapeHtml(node.value)}</code></pre>\n`);
        return;
      case "break":
        out.push("<br>");
        return;
      case "thematicBreak":
        out.push("<hr>\n");
        return;
      case "blockquote":
        out.push("<blockquote>");
        children();
        out.push("</blockquote>\n");
        return;
      case "list":
        out.push(node.ordered === true ? `<ol${node.start !== null && node.start !== undefined && node.start !== 1 ? ` start="${node.start}"` : ""}>` : "<ul>");
        children();
        out.push(node.ordered === true ? "</ol>\n" : "</ul>\n");
        return;
      case "listItem":
        out.push("<li>");
        if (node.checked === true || node.checked === false) out.push(node.checked ? "☑ " : "☐ ");
        if (node.spread === false && node.children.every((c) => c.type === "paragraph")) {
          node.children.forEach((p, i) => {
            if (i > 0) out.push("<br>");
            for (const c of (p as { children: Nodes[] }).children) walk(c);
          });
        } else children();
        out.push("</li>\n");
        return;
      case "link": {
        const target = href(node.url);
        if (target === null) children();
        else {
          out.push(`<a href="${escapeHtml(target)}">`);
          children();
          out.push("</a>");
        }
        return;
      }
      case "image": {
        const target = href(node.url);
        const alt = node.alt === null || node.alt === undefined || node.alt === "" ? "image" : node.alt;
        out.push(target === null ? escapeHtml(alt) : `<a href="${escapeHtml(target)}">${escapeHtml(`Image: ${alt}`)}</a>`);
        return;
      }
      case "table":
        out.push("<table>");
        node.children.forEach((row, i) => {
          out.push("<tr>");
          for (const cell of row.children) {
            const tag = i === 0 ? "th" : "td";
            out.push(`<${tag}${i === 0 ? ' scope="col"' : ""}>`);
            for (const c of cell.children) walk(c as Nodes);
            out.push(`</${tag}>`);
          }
          out.push("</tr>");
        });
        out.push("</table>\n");
        return;
      case "html":
        if (/^<!--/u.test(node.value.trim())) return;
        out.push(escapeHtml(node.value));
        return;
      case "footnoteReference":
        out.push(`[${escapeHtml(node.label ?? node.identifier)}]`);
        return;
      case "footnoteDefinition":
        out.push(`<p>[${escapeHtml(node.label ?? node.identifier)}] `);
        for (const c of node.children) if ("children" in c) for (const cc of c.children) walk(cc as Nodes);
        out.push("</p>\n");
        return;
      default:
        if ("children" in node) children();
        else if ("value" in node && typeof node.value === "string") out.push(escapeHtml(node.value));
    }
  };
  walk(tree);
  return out.join("");
}
