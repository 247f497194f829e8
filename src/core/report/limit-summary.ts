/** GitHub's limit on a check run summary (and on a job summary's chunk). */
export const SUMMARY_LIMIT = 65_535;

const encoder = new TextEncoder();
const byteLength = (text: string): number => encoder.encode(text).length;

/** The note appended to a summary that was cut. */
export const CUT_NOTE =
  "**This summary was cut here: it is longer than GitHub allows (65,535 characters).** The checks' titles and outcomes are complete.";

/**
 * Keeps a markdown summary within `limit` (counted in UTF-8 bytes, which is
 * never fewer than GitHub's characters). When it must cut, it cuts at a line
 * break, closes an open code fence, and says so at the end.
 */
export function limitSummary(markdown: string, limit = SUMMARY_LIMIT): string {
  if (byteLength(markdown) <= limit) return markdown;
  const tail = `\n\n…\n\n${CUT_NOTE}\n`;
  const budget = limit - byteLength(tail) - byteLength("\n```");
  // Binary search the longest prefix (in code units, not splitting a surrogate pair) within budget.
  let low = 0;
  let high = markdown.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (byteLength(markdown.slice(0, mid)) <= budget) low = mid;
    else high = mid - 1;
  }
  let kept = markdown.slice(0, low);
  if (/[\uD800-\uDBFF]$/.test(kept)) kept = kept.slice(0, -1);
  const lastBreak = kept.lastIndexOf("\n");
  if (lastBreak > 0) kept = kept.slice(0, lastBreak);
  const fences = kept.split("\n").filter((line) => /^\s*```/.test(line)).length;
  if (fences % 2 === 1) kept += "\n```";
  return kept + tail;
}
