import type { Nodes, Parents, PhrasingContent, Root } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import type { Options as FromMarkdownOptions } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { toString } from "mdast-util-to-string";
import { gfmFootnote } from "micromark-extension-gfm-footnote";
import { gfmStrikethrough } from "micromark-extension-gfm-strikethrough";
import { gfmTable } from "micromark-extension-gfm-table";
import { gfmTaskListItem } from "micromark-extension-gfm-task-list-item";
import { findBareUrls } from "./find-bare-urls.js";
import { limitMarkdownConstructs } from "./limit-markdown-constructs.js";
import { createPositionIndex } from "./create-position-index.js";
import type { HeadingInfo, InlineCode, LinkInfo, MarkdownModel, PlainText, TextBlock } from "./markdown-model.js";
import { normalizeHeading } from "./normalize-heading.js";
import { splitWordsAndSentences } from "./split-words-and-sentences.js";

export interface ParseMarkdownOptions {
  /** Treat a leading `---` ... `---` block as front matter (not prose). True for note files. */
  readonly frontMatter?: boolean;
}

/**
 * GFM as GitHub renders it, except that bare URLs are found by
 * `findBareUrls` on text (same rules as GFM's autolink literals): the
 * micromark autolink-literal tokenizer is 10-25x slower on long paragraphs,
 * and mdast's own transform leaves the links without source positions.
 * Each other GFM extension is only switched on when the source could hold
 * its construct: the table extension alone triples the tokenizing time.
 */
const TABLE = gfmTable();
const FOOTNOTE = gfmFootnote();
const STRIKETHROUGH = gfmStrikethrough();
const TASK_LIST = gfmTaskListItem();
const MDAST_EXTENSIONS = gfmFromMarkdown().map((extension) => ({ ...extension, transforms: [] }));
/** One cell of a GFM table delimiter row (`:-:`, with the spaces around it). */
const DELIMITER_CELL = /^[ \t]*:?-+:?[ \t]*$/;

type Extension = NonNullable<FromMarkdownOptions["extensions"]>[number];

function extensionsFor(source: string): Extension[] {
  const extensions: Extension[] = [];
  if (source.includes("|") && hasDelimiterRow(source)) extensions.push(TABLE);
  if (source.includes("[^")) extensions.push(FOOTNOTE);
  const off = limitMarkdownConstructs(source);
  if (source.includes("~") && !off.includes("strikethrough")) extensions.push(STRIKETHROUGH);
  if (off.length > 0) extensions.push({ disable: { null: off } });
  if (/\[[ xX]\]/.test(source)) extensions.push(TASK_LIST);
  return extensions;
}

function hasDelimiterRow(source: string): boolean {
  for (const line of source.split(/\r\n|\r|\n/)) {
    if (line.includes("|") && line.includes("-") && isDelimiterRow(line)) return true;
  }
  return false;
}

/**
 * A line that may be a GFM table delimiter row (`| --- | :-: |`), also inside
 * block quotes and lists. Split into cells rather than matched by one regex:
 * the single regex backtracked quadratically on a long line of spaces
 * (2.5 s for 65,000), and every text is scanned in linear time
 * (docs/checks.md#limits).
 */
function isDelimiterRow(line: string): boolean {
  let start = 0;
  while (start < line.length && (line[start] === " " || line[start] === "\t" || line[start] === ">")) start++;
  let end = line.length;
  while (end > start && (line[end - 1] === " " || line[end - 1] === "\t")) end--;
  if (line[start] === "|") start++;
  if (end > start && line[end - 1] === "|") end--;
  return line.slice(start, end).split("|").every((cell) => DELIMITER_CELL.test(cell));
}

/** Deeper inline nesting than this is not read (hostile input only). */
const MAX_INLINE_DEPTH = 64;

/**
 * Parses markdown (CommonMark + GFM, as GitHub renders it) into the model
 * the release-note rules read. Never throws: input micromark cannot handle
 * is read as one paragraph of text.
 */
export function parseMarkdownModel(input: string, options: ParseMarkdownOptions = {}): MarkdownModel {
  const source = options.frontMatter === true ? blankFrontMatter(input) : input;
  let tree: Root | null;
  try {
    tree = fromMarkdown(source.replace(/^\uFEFF/, " "), {
      extensions: extensionsFor(source),
      mdastExtensions: MDAST_EXTENSIONS,
    });
  } catch {
    tree = null;
  }
  const builder = new ModelBuilder(input, source);
  if (tree === null) builder.addFallbackBlock();
  else builder.walk(tree);
  return builder.finish();
}

/** Replaces a leading YAML front matter block by spaces, keeping every offset. */
function blankFrontMatter(source: string): string {
  const open = /^\uFEFF?---[ \t]*\r?\n/.exec(source);
  if (!open) return source;
  const close = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m;
  const rest = source.slice(open[0].length);
  const m = close.exec(rest);
  if (!m) return source;
  const end = open[0].length + m.index + m[0].length;
  return source.slice(0, end).replace(/[^\r\n]/g, " ") + source.slice(end);
}

interface PendingLink {
  readonly info: Omit<LinkInfo, "url">;
  readonly url: string | null;
  readonly identifier: string | null;
}

class ModelBuilder {
  private readonly headings: Array<Omit<HeadingInfo, "sectionEnd"> & { sectionEnd: number }> = [];
  private readonly blocks: TextBlock[] = [];
  private readonly links: PendingLink[] = [];
  private readonly definitions = new Map<string, string>();
  private readonly plainTexts: PlainText[] = [];
  private chars: string[] = [];
  private offsets: number[] = [];
  private codes: InlineCode[] = [];
  /** First paragraphs of list items, marked on the way down. */
  private readonly listParagraphs = new Set<Nodes>();

  constructor(
    private readonly original: string,
    private readonly source: string,
  ) {}

  walk(root: Root): void {
    const stack: Nodes[] = [root];
    while (stack.length > 0) {
      const node = stack.pop();
      if (node === undefined) break;
      switch (node.type) {
        case "heading":
          this.addHeading(node.depth, node);
          break;
        case "paragraph":
        case "tableCell":
          this.addBlock("prose", node);
          break;
        case "listItem": {
          const first = node.children[0];
          if (first?.type === "paragraph") this.listParagraphs.add(first);
          for (let i = node.children.length - 1; i >= 0; i--) {
            const child = node.children[i];
            if (child !== undefined) stack.push(child);
          }
          break;
        }
        case "definition":
          if (!this.definitions.has(node.identifier)) this.definitions.set(node.identifier, node.url);
          break;
        case "code":
        case "html":
        case "thematicBreak":
          break;
        default:
          if ("children" in node) {
            const children = (node as Parents).children as Nodes[];
            for (let i = children.length - 1; i >= 0; i--) {
              const child = children[i];
              if (child !== undefined) stack.push(child);
            }
          }
      }
    }
  }

  addFallbackBlock(): void {
    this.chars = [];
    this.offsets = [];
    this.codes = [];
    this.append(this.source, 0, this.source.length);
    this.pushBlock("prose", 0, this.source.length, false);
  }

  finish(): MarkdownModel {
    const source = this.original;
    const stack: number[] = [];
    for (let i = 0; i < this.headings.length; i++) {
      const h = this.headings[i];
      if (h === undefined) continue;
      while (stack.length > 0) {
        const top = this.headings[stack[stack.length - 1] ?? 0];
        if (top === undefined || top.depth < h.depth) break;
        top.sectionEnd = h.start;
        stack.pop();
      }
      stack.push(i);
    }
    const links: LinkInfo[] = [];
    for (const pending of this.links) {
      const url = pending.url ?? (pending.identifier === null ? undefined : this.definitions.get(pending.identifier));
      if (url !== undefined) links.push({ ...pending.info, url });
    }
    const { words, sentences } = splitWordsAndSentences(this.blocks);
    return {
      source,
      position: createPositionIndex(source),
      headings: this.headings,
      blocks: this.blocks,
      words,
      sentences,
      links,
      plainTexts: this.plainTexts,
    };
  }

  private addHeading(depth: number, node: Extract<Nodes, { type: "heading" }>): void {
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? start;
    const text = toString(node);
    this.headings.push({ depth, text, normalized: normalizeHeading(text), start, end, sectionEnd: this.source.length });
    this.addBlock("heading", node);
  }

  private addBlock(kind: TextBlock["kind"], node: Parents): void {
    this.chars = [];
    this.offsets = [];
    this.codes = [];
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? start;
    this.inline(node.children as PhrasingContent[], 0, start);
    this.pushBlock(kind, start, end, this.listParagraphs.has(node));
  }

  private pushBlock(kind: TextBlock["kind"], start: number, end: number, listItem: boolean): void {
    const offsets = new Int32Array(this.chars.length + 1);
    offsets.set(this.offsets);
    offsets[this.chars.length] = end;
    this.blocks.push({ kind, text: this.chars.join(""), offsets, start, end, codes: this.codes, listItem });
  }

  private inline(children: readonly PhrasingContent[], depth: number, fallback: number): void {
    if (depth > MAX_INLINE_DEPTH) return;
    for (const node of children) {
      const start = node.position?.start.offset ?? fallback;
      const end = node.position?.end.offset ?? start;
      switch (node.type) {
        case "text":
          this.text(node.value, start, end);
          break;
        case "inlineCode":
          this.plainTexts.push({ text: node.value, start, kind: "code" });
          this.codes.push({ index: this.chars.length, value: node.value });
          this.space(start);
          break;
        case "break":
          this.chars.push("\n");
          this.offsets.push(start);
          break;
        case "link": {
          const first = this.source.charCodeAt(start);
          const kind: LinkInfo["kind"] = first === 60 /* < */ ? "autolink" : first === 91 /* [ */ ? "link" : "bare";
          this.links.push({ info: { kind, start, end }, url: node.url, identifier: null });
          if (kind === "link") this.inLink(node.children, depth, start);
          else this.space(start);
          break;
        }
        case "linkReference":
          this.links.push({ info: { kind: "reference", start, end }, url: null, identifier: node.identifier });
          this.inLink(node.children, depth, start);
          break;
        case "image":
        case "imageReference":
        case "html":
        case "footnoteReference":
          this.space(start);
          break;
        default:
          if ("children" in node) this.inline(node.children as PhrasingContent[], depth + 1, start);
      }
    }
  }

  private insideLink = false;

  private inLink(children: readonly PhrasingContent[], depth: number, start: number): void {
    const was = this.insideLink;
    this.insideLink = true;
    this.inline(children, depth + 1, start);
    this.insideLink = was;
  }

  private space(at: number): void {
    this.chars.push(" ");
    this.offsets.push(at);
  }

  /** A text node: its words; bare URLs are not prose, and outside links they are links. */
  private text(value: string, from: number, to: number): void {
    const offsets = alignOffsets(this.source, value, from, to);
    const urls = findBareUrls(value);
    let plain = value;
    let i = 0;
    for (const url of urls) {
      this.push(value, offsets, i, url.index);
      const end = url.index + url.length;
      if (!this.insideLink) {
        const start = offsets[url.index] ?? from;
        this.links.push({ info: { kind: "bare", start, end: (offsets[end - 1] ?? from) + 1 }, url: url.url, identifier: null });
      }
      this.space(offsets[url.index] ?? from);
      plain = plain.slice(0, url.index) + " ".repeat(url.length) + plain.slice(end);
      i = end;
    }
    this.push(value, offsets, i, value.length);
    if (!this.insideLink) this.plainTexts.push({ text: plain, start: from, kind: "text" });
  }

  private push(value: string, offsets: Int32Array, from: number, to: number): void {
    for (let i = from; i < to; i++) {
      this.chars.push(value[i] ?? "");
      this.offsets.push(offsets[i] ?? 0);
    }
  }

  private append(value: string, from: number, to: number): void {
    this.push(value, alignOffsets(this.source, value, from, to), 0, value.length);
  }
}

/**
 * Maps each character of `value` (a text node's decoded value) to its offset
 * in `source[from, to)`, skipping what markdown removed (escapes, block-quote
 * markers, indentation) and treating a character reference as its first offset.
 */
function alignOffsets(source: string, value: string, from: number, to: number): Int32Array {
  const out = new Int32Array(value.length);
  // A character markdown put in (U+FFFD for NUL) is not in the source: the scan from `j` for it
  // is remembered, so a run of them costs one scan, not one each (docs/security.md, "Linear-time
  // text scanning"). `j` only grows, so a scan that failed from `j` fails from any later `j`.
  const missingFrom = new Map<number, number>();
  let j = from;
  for (let i = 0; i < value.length; i++) {
    const ch = value.charCodeAt(i);
    let k = (missingFrom.get(ch) ?? to) <= j ? to : j;
    let mapped = -1;
    while (k < to) {
      const s = source.charCodeAt(k);
      if (s === ch) {
        mapped = k;
        j = k + 1;
        break;
      }
      if (s === 38 /* & */) {
        const ref = /^&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/.exec(source.slice(k, k + 40));
        if (ref) {
          mapped = k;
          j = k + ref[0].length;
          break;
        }
      }
      k++;
    }
    if (mapped === -1) missingFrom.set(ch, j);
    out[i] = mapped === -1 ? Math.min(j, Math.max(from, to - 1)) : mapped;
  }
  return out;
}
