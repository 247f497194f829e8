/** One character that does not count at the edges of a heading: punctuation, symbols, emoji parts, spaces. */
const EDGE_CHAR = /^[\p{P}\p{S}\p{Extended_Pictographic}\p{M}\p{Cf}\s]$/u;
const LEADING_SHORTCODE = /^:[a-z0-9_+-]+:/;
const TRAILING_SHORTCODE = /:[a-z0-9_+-]+:$/;

/**
 * Normalises a heading (or a configured section name) for comparison, as
 * docs/release-note.md#what-makes-a-note-valid says: Unicode NFKC, case-folded, whitespace collapsed, and
 * leading/trailing punctuation, symbols and emoji (also `:shortcode:` emoji)
 * removed. "## 📝 What changes for you?" and "what  changes for YOU" compare equal.
 */
export function normalizeHeading(text: string): string {
  let s = text.normalize("NFKC").toUpperCase().toLowerCase().normalize("NFKC").replace(/\s+/gu, " ");
  const chars = Array.from(s);
  let start = 0;
  let end = chars.length;
  for (;;) {
    const before = start;
    const code = LEADING_SHORTCODE.exec(chars.slice(start, Math.min(end, start + 64)).join(""));
    if (code) start += Array.from(code[0]).length;
    else while (start < end && EDGE_CHAR.test(chars[start] ?? "")) start++;
    if (start === before) break;
  }
  for (;;) {
    const before = end;
    const code = TRAILING_SHORTCODE.exec(chars.slice(Math.max(start, end - 64), end).join(""));
    if (code) end -= Array.from(code[0]).length;
    else while (end > start && EDGE_CHAR.test(chars[end - 1] ?? "")) end--;
    if (end === before) break;
  }
  s = chars.slice(start, end).join("");
  return s.replace(/\s+/gu, " ").trim();
}
