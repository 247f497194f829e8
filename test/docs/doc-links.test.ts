import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * Every relative link in README.md and docs/*.md resolves to a file (and to a
 * heading, when it has a #anchor), and every `docs/…` citation in a code
 * comment names a page that exists (and a heading of it, when it names one:
 * `docs/app.md#self-healing-retries` or `docs/app.md "Self-healing retries"`).
 */
const root = fileURLToPath(new URL("../..", import.meta.url));
const CODE_DIRS = ["src", "app", "action", "emulator", "bench", "demo", "test", "scripts", "bin"];

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
export function slugOf(heading: string): string {
  const text = heading
    .replace(/`([^`]*)`/g, "$1")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]*>/g, "")
    .trim()
    .toLowerCase();
  return text.replace(/[^\p{L}\p{N}\p{M}\p{Pc} -]/gu, "").replace(/ /g, "-");
}

/** The anchors a markdown file offers: its headings (with GitHub's -1, -2 for repeats). */
function anchorsOf(file: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (/^\s*(?:```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) continue;
    const match = /^#{1,6}[ \t](.*)$/.exec(line);
    if (match?.[1] === undefined) continue;
    const slug = slugOf(match[1]);
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

/** Markdown links `[text](target)` outside code blocks and code spans. */
function linksOf(file: string): Array<{ line: number; target: string }> {
  const links: Array<{ line: number; target: string }> = [];
  let fenced = false;
  readFileSync(file, "utf8")
    .split("\n")
    .forEach((text, index) => {
      if (/^\s*(?:```|~~~)/.test(text)) fenced = !fenced;
      if (fenced) return;
      const outsideCode = text.replace(/`[^`]*`/g, "");
      for (const match of outsideCode.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
        if (match[1] !== undefined) links.push({ line: index + 1, target: match[1] });
      }
    });
  return links;
}

/** Why a link or citation does not resolve, or null when it does. */
function problemOf(fromFile: string, target: string): string | null {
  const [path = "", anchor] = target.split("#", 2);
  const file = path === "" ? fromFile : resolve(dirname(fromFile), decodeURIComponent(path));
  if (!existsSync(file)) return `${relative(root, file)} does not exist`;
  if (anchor === undefined || anchor === "") return null;
  if (statSync(file).isDirectory() || !file.endsWith(".md")) return `${relative(root, file)} has no headings`;
  return anchorsOf(file).has(anchor) ? null : `${relative(root, file)} has no heading #${anchor}`;
}

const markdownFiles = [
  join(root, "README.md"),
  ...readdirSync(join(root, "docs"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => join(root, "docs", name)),
].filter((file) => existsSync(file));

function codeFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules" && entry.name !== "fixtures" && entry.name !== "tmp") out.push(...codeFiles(path));
    } else if (/\.(?:ts|js|mjs)$/.test(entry.name)) out.push(path);
  }
  return out;
}

/** The comments of a source file, as text without `//`, `/*` and leading `*`. */
function commentsOf(file: string): Array<{ line: number; text: string }> {
  const source = readFileSync(file, "utf8");
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, source);
  const comments: Array<{ line: number; text: string }> = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind !== ts.SyntaxKind.SingleLineCommentTrivia && kind !== ts.SyntaxKind.MultiLineCommentTrivia) continue;
    const raw = scanner.getTokenText();
    const text = raw
      .replace(/^\/\/|^\/\*+|\*+\/$/g, "")
      .split("\n")
      .map((l) => l.replace(/^\s*(?:\*(?!\/)|\/\/)?\s?/, ""))
      .join(" ");
    comments.push({ line: source.slice(0, scanner.getTokenStart()).split("\n").length, text });
  }
  return comments;
}

/** A citation in a comment: the page, then an optional `#anchor`, or a quoted heading (after a space or ", "). */
const CITATION = /(?<![\w./-])docs\/([a-z][\w-]*\.md)(?:#([\w-]+)|,?\s+"([^"]+)")?/g;

describe("documentation links", () => {
  it("finds the docs", () => {
    expect(markdownFiles.map((f) => relative(root, f))).toEqual(expect.arrayContaining(["README.md", "docs/README.md"]));
  });

  it.each(markdownFiles.map((f) => [relative(root, f), f] as const))("every relative link in %s resolves", (_name, file) => {
    const broken: string[] = [];
    for (const { line, target } of linksOf(file)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: ...
      const problem = problemOf(file, target);
      if (problem !== null) broken.push(`line ${line}: ${target}: ${problem}`);
    }
    expect(broken).toEqual([]);
  });

  it("every docs/… citation in a code comment names a page and heading that exist", () => {
    const broken: string[] = [];
    let citations = 0;
    for (const file of CODE_DIRS.flatMap((dir) => codeFiles(join(root, dir)))) {
      for (const comment of commentsOf(file)) {
        for (const match of comment.text.matchAll(CITATION)) {
          citations++;
          const [, page = "", anchor, heading] = match;
          const target = `docs/${page}${anchor !== undefined ? `#${anchor}` : heading !== undefined ? `#${slugOf(heading)}` : ""}`;
          const problem = problemOf(join(root, "README.md"), target);
          if (problem !== null) broken.push(`${relative(root, file)}:${comment.line}: ${match[0]}: ${problem}`);
        }
      }
    }
    expect(citations).toBeGreaterThan(0);
    expect(broken).toEqual([]);
  });

  it("slugs headings as GitHub does", () => {
    expect(slugOf("Requests, and GitHub's limits")).toBe("requests-and-githubs-limits");
    expect(slugOf("The override (break glass)")).toBe("the-override-break-glass");
    expect(slugOf("Configuration: `.integ.yml`")).toBe("configuration-integyml");
    expect(slugOf("integ-gate lint-note")).toBe("integ-gate-lint-note");
  });
});
