/**
 * Budgets for markdown constructs that micromark resolves in more than
 * linear time. Real descriptions and notes stay far below them; a hostile
 * description at GitHub's 65,536-character limit does not (measured before
 * these limits, one evaluation: `a*` × 32,768 took 20 s, `> ` × 32,768 50 s,
 * `a\n=\n` × 8,000 70 s, `- - a\n` × 5,000 30 s).
 */
export const MARKDOWN_LIMITS = {
  /** `*` and `_` characters (emphasis delimiters are paired in quadratic time). */
  emphasisDelimiters: 2_000,
  /** `~` characters (strikethrough pairs the same way). */
  strikethroughDelimiters: 2_000,
  /** Lines that could underline a setext heading (`===` or `---`). */
  underlineLines: 100,
  /** List item markers at the start of lines. */
  listItems: 1_000,
  /** Block quote and list markers opened at the start of one line. */
  containerDepth: 32,
  /**
   * `<?` and `<!` (inline processing instructions, comments, declarations, CDATA): an
   * unclosed one is scanned to the end of its paragraph, once for each.
   */
  htmlOpenings: 100,
  /**
   * `[` characters: each opens a link label that micromark keeps and looks
   * back over (32,768 of them cost most of a second; real text has a few dozen). Past the
   * budget no link is read, so no note link is found: never a pass.
   */
  labelStarts: 12_000,
  /**
   * Lines of a description or note. micromark spends tens of microseconds on
   * each line ending, so 32,768 one-character lines cost seconds however the
   * other budgets are set. Longer text is not read as markdown at all: the
   * description or note is refused, never judged on a part
   * (docs/security.md, "Linear-time text scanning").
   */
  lines: 5_000,
} as const;

/** The number of lines of a text (a final line without a line ending counts). */
export function countLines(source: string): number {
  let lines = 1;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 10) lines++;
    else if (c === 13 && source.charCodeAt(i + 1) !== 10) lines++;
  }
  return lines;
}

const LIST_MARKER = /[-+*]|\d{1,9}[.)]/y;
const UNDERLINE = /^(?:=+|-+)[ \t]*$/;

/**
 * The micromark constructs (by name) to switch off for this source, because
 * it uses them beyond `MARKDOWN_LIMITS`: their characters are then read as
 * plain text. One linear pass; an empty list for any ordinary document.
 */
export function limitMarkdownConstructs(source: string): string[] {
  let listItems = 0;
  let underlines = 0;
  let deepest = 0;
  for (const line of source.split(/\r\n|\r|\n/)) {
    let depth = 0;
    let i = 0;
    for (;;) {
      while (line[i] === " " || line[i] === "\t") i++;
      if (line[i] === ">") {
        depth++;
        i++;
        continue;
      }
      LIST_MARKER.lastIndex = i;
      const marker = LIST_MARKER.exec(line);
      const after = marker === null ? undefined : line[i + marker[0].length];
      if (marker !== null && (after === undefined || after === " " || after === "\t") && !UNDERLINE.test(line.slice(i))) {
        depth++;
        listItems++;
        i += marker[0].length;
        continue;
      }
      // A lone `-` is an empty list item where it underlines nothing: it counts as both.
      if (marker !== null && marker[0] === "-" && after === undefined) listItems++;
      break;
    }
    if (depth > deepest) deepest = depth;
    if (UNDERLINE.test(line.slice(i))) underlines++;
  }
  const off: string[] = [];
  if (count(source, /[*_]/g) > MARKDOWN_LIMITS.emphasisDelimiters) off.push("attention");
  if (count(source, /~/g) > MARKDOWN_LIMITS.strikethroughDelimiters) off.push("strikethrough");
  if (underlines > MARKDOWN_LIMITS.underlineLines) off.push("setextUnderline");
  if (listItems > MARKDOWN_LIMITS.listItems || deepest > MARKDOWN_LIMITS.containerDepth) off.push("list");
  if (deepest > MARKDOWN_LIMITS.containerDepth) off.push("blockQuote");
  if (count(source, /<[?!]/g) > MARKDOWN_LIMITS.htmlOpenings) off.push("htmlText");
  if (count(source, /\[/g) > MARKDOWN_LIMITS.labelStarts) off.push("labelStartLink", "labelStartImage", "labelEnd");
  return off;
}

function count(source: string, chars: RegExp): number {
  return source.match(chars)?.length ?? 0;
}
