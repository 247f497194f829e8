/** A 1-based line and column (columns count UTF-16 code units, like micromark's). */
export interface SourcePoint {
  readonly line: number;
  readonly column: number;
}

/** Turns 0-based offsets into 1-based line/column in one source text. */
export type PositionIndex = (offset: number) => SourcePoint;

/**
 * Builds an offset -> line/column lookup for `source`. Lines end at `\n`,
 * `\r\n` or a lone `\r`, as in CommonMark. Offsets beyond the text clamp to its end.
 */
export function createPositionIndex(source: string): PositionIndex {
  const starts: number[] = [0];
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && source.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return (offset: number): SourcePoint => {
    const at = Math.max(0, Math.min(offset, source.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: at - (starts[lo] ?? 0) + 1 };
  };
}
