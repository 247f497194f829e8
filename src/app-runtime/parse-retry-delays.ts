const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, min: 60_000, m: 60_000 };

/**
 * Parses INTEG_GATE_RETRY_DELAYS (`1s,3s,10s`; units ms, s, min; at most 10
 * tries, each at most an hour): the delays of the App's self-healing
 * retries. Meant for tests and demos; production keeps the defaults
 * (docs/app.md "Self-healing retries"). An empty list turns the retries off.
 */
export function parseRetryDelays(text: string): number[] {
  const parts = text
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "");
  if (parts.length > 10) throw new Error(`INTEG_GATE_RETRY_DELAYS: at most 10 delays, got ${parts.length}`);
  return parts.map((part) => {
    const match = /^(\d{1,7})(ms|s|min|m)$/.exec(part);
    const unit = match?.[2] === undefined ? undefined : UNITS[match[2]];
    if (match?.[1] === undefined || unit === undefined) {
      throw new Error(`INTEG_GATE_RETRY_DELAYS: "${part}" is not a delay like 500ms, 30s or 10min`);
    }
    const ms = Number(match[1]) * unit;
    if (ms > 3_600_000) throw new Error(`INTEG_GATE_RETRY_DELAYS: "${part}" is longer than an hour`);
    return ms;
  });
}
