/** A window `[since, until)` in ISO 8601. */
export interface DigestWindow {
  readonly since: string;
  readonly until: string;
}

const DURATION = /^(\d{1,4})([hdw])$/u;
const DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/u;
const UNIT_MS: Readonly<Record<string, number>> = { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** A date (`2026-11-23`, read as UTC midnight), a date-time, or a duration before `now` (`7d`, `12h`, `2w`); null when it is none of these. */
export function parseDigestTime(text: string, now: Date): Date | null {
  const value = text.trim();
  const duration = DURATION.exec(value);
  if (duration !== null) return new Date(now.getTime() - Number(duration[1]) * (UNIT_MS[duration[2] ?? "d"] ?? 0));
  if (!DATE.test(value)) return null;
  const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : /(?:Z|[+-]\d{2}:?\d{2})$/u.test(value) ? value : `${value}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * `--since` and `--until` (default: now) as a window. Throws an Error a
 * person can act on when a value is not a date or duration, or the window
 * is empty.
 */
export function parseDigestWindow(since: string, until: string | undefined, now: Date): DigestWindow {
  const start = parseDigestTime(since, now);
  if (start === null) throw new Error(`--since must be a date (2026-11-23) or a duration (7d, 12h, 2w), not "${since}"`);
  const end = until === undefined || until.trim() === "" ? now : parseDigestTime(until, now);
  if (end === null) throw new Error(`--until must be a date (2026-11-30) or a duration (1d), not "${until ?? ""}"`);
  if (end.getTime() <= start.getTime()) throw new Error(`the window is empty: --since (${start.toISOString()}) must be before --until (${end.toISOString()})`);
  return { since: start.toISOString(), until: end.toISOString() };
}
