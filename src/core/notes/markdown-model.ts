import type { PositionIndex } from "./create-position-index.js";

/**
 * A markdown document reduced to what the release-note rules read: headings
 * and their sections, prose blocks with words and sentences, and links, each
 * with offsets into the source (0-based, end exclusive). Built by
 * `parseMarkdownModel`.
 */
export interface MarkdownModel {
  readonly source: string;
  /** Offset -> 1-based line and column. */
  readonly position: PositionIndex;
  /** Every heading, in document order. */
  readonly headings: readonly HeadingInfo[];
  /** Paragraph, table-cell and heading text, in document order. */
  readonly blocks: readonly TextBlock[];
  /** Words of every block (prose and headings), in document order. */
  readonly words: readonly Word[];
  /** Sentences of the prose blocks, in document order. */
  readonly sentences: readonly Sentence[];
  /** Markdown links, reference links, autolinks and bare URLs, in document order (not in code or HTML). */
  readonly links: readonly LinkInfo[];
  /** Text outside links that may name a path: text runs and code spans (not code blocks or HTML). */
  readonly plainTexts: readonly PlainText[];
}

/** A heading and the extent of its section. */
export interface HeadingInfo {
  /** 1-6. */
  readonly depth: number;
  /** Text content as written (inline code and link text included). */
  readonly text: string;
  /** `normalizeHeading(text)`. */
  readonly normalized: string;
  readonly start: number;
  /** End of the heading itself. */
  readonly end: number;
  /** Start of the next heading of the same or a higher level (or the end of the source). */
  readonly sectionEnd: number;
}

/**
 * The text of one paragraph, table cell or heading. Code spans, raw HTML,
 * images and URL-only links are replaced by a space; `offsets[i]` is the
 * source offset of `text[i]`.
 */
export interface TextBlock {
  readonly kind: "prose" | "heading";
  readonly text: string;
  readonly offsets: Int32Array;
  readonly start: number;
  readonly end: number;
  /** The code spans of the block: each stands as one space at `index` of `text` (quoted back in sentences). */
  readonly codes: readonly InlineCode[];
  /** True for the first paragraph of a list item. */
  readonly listItem: boolean;
}

/** A code span of a block (`value` as written between the backticks). */
export interface InlineCode {
  /** Index of the space that stands for it in `TextBlock.text`. */
  readonly index: number;
  readonly value: string;
}

export interface Word {
  readonly text: string;
  /** Index into `MarkdownModel.blocks`. */
  readonly block: number;
  /** Source offsets. */
  readonly start: number;
  readonly end: number;
  /** Index into the block's text. */
  readonly textStart: number;
}

export interface Sentence {
  /** The sentence as read, whitespace collapsed. */
  readonly text: string;
  readonly block: number;
  readonly start: number;
  readonly end: number;
  /** Index of the first word in `MarkdownModel.words`, and how many words. */
  readonly firstWord: number;
  readonly wordCount: number;
  /**
   * True for a lower-case list item that goes on with the sentence before it
   * ("you can:" / "- define …;" / "- and create …"): one sentence for the
   * reading grade, its own sentence for the long-sentence check.
   */
  readonly continuesPrevious: boolean;
}

export interface LinkInfo {
  /** The destination as written (escapes and character references decoded). */
  readonly url: string;
  readonly kind: "link" | "reference" | "autolink" | "bare";
  readonly start: number;
  readonly end: number;
}

export interface PlainText {
  readonly text: string;
  readonly start: number;
  readonly kind: "text" | "code";
}
