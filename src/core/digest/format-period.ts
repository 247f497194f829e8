const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * A window `[since, until)` as a person reads it, in UTC days:
 * "23–30 Nov 2026", "28 Nov – 5 Dec 2026", "28 Dec 2026 – 4 Jan 2027".
 * The last day shown is the day of `until` (a weekly digest sent on
 * Monday morning covers "Monday to Monday").
 */
export function formatPeriod(since: string, until: string): string {
  const a = new Date(since);
  const b = new Date(until);
  const day = (d: Date): string => String(d.getUTCDate());
  const month = (d: Date): string => MONTHS[d.getUTCMonth()] ?? "";
  const year = (d: Date): string => String(d.getUTCFullYear());
  if (a.getUTCFullYear() !== b.getUTCFullYear()) return `${day(a)} ${month(a)} ${year(a)} – ${day(b)} ${month(b)} ${year(b)}`;
  if (a.getUTCMonth() !== b.getUTCMonth()) return `${day(a)} ${month(a)} – ${day(b)} ${month(b)} ${year(b)}`;
  if (a.getUTCDate() === b.getUTCDate()) return `${day(a)} ${month(a)} ${year(a)}`;
  return `${day(a)}–${day(b)} ${month(b)} ${year(b)}`;
}

/** The UTC day of an ISO time, `2026-11-23`. */
export function utcDay(iso: string): string {
  return new Date(iso).toISOString().slice(0, 10);
}
