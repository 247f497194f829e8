/** One rate-limit bucket as GitHub reports it. */
export interface RateLimitBucket {
  readonly limit: number;
  readonly remaining: number;
  /** Epoch seconds when the window resets. */
  readonly reset: number;
  readonly used: number;
  readonly resource: "core" | "graphql";
}

interface Window {
  used: number;
  resetAt: number;
}

/** Limits per hour by caller kind, as on GitHub (installation 5,000; Actions token 1,000; anonymous 60). */
export interface RateLimits {
  readonly installation: number;
  readonly actions: number;
  readonly user: number;
  readonly anonymous: number;
  readonly graphql: number;
}

export const GITHUB_RATE_LIMITS: RateLimits = { installation: 5000, actions: 1000, user: 5000, anonymous: 60, graphql: 5000 };

/**
 * GitHub's secondary limit on content-creating requests (POST, PATCH, PUT,
 * DELETE): about 80 a minute per caller. Off unless configured, because a
 * soak test would otherwise crawl exactly as it would on GitHub.
 */
export interface SecondaryRateLimit {
  readonly writesPerMinute: number;
}

/** Hourly primary rate limits per caller, counted in real time, and an optional secondary limit on writes. */
export class RateLimiter {
  readonly #windows = new Map<string, Window>();
  readonly #writes = new Map<string, number[]>();
  readonly #limits: RateLimits;
  readonly #secondary: SecondaryRateLimit | undefined;

  constructor(limits: RateLimits = GITHUB_RATE_LIMITS, secondary?: SecondaryRateLimit) {
    this.#limits = limits;
    this.#secondary = secondary;
  }

  /**
   * Records a content-creating request; returns the seconds to wait (for
   * `retry-after`) when it would exceed the secondary limit, else undefined.
   */
  admitWrite(callerKey: string): number | undefined {
    if (!this.#secondary) return undefined;
    const now = Date.now();
    const recent = (this.#writes.get(callerKey) ?? []).filter((t) => now - t < 60_000);
    if (recent.length >= this.#secondary.writesPerMinute) {
      this.#writes.set(callerKey, recent);
      return Math.max(1, Math.ceil((60_000 - (now - (recent[0] ?? now))) / 1000));
    }
    recent.push(now);
    this.#writes.set(callerKey, recent);
    return undefined;
  }

  #window(key: string): Window {
    const now = Date.now();
    let w = this.#windows.get(key);
    if (!w || w.resetAt <= now) {
      w = { used: 0, resetAt: now + 3600_000 };
      this.#windows.set(key, w);
    }
    return w;
  }

  limitFor(kind: keyof RateLimits, resource: "core" | "graphql"): number {
    return resource === "graphql" ? (kind === "anonymous" ? 0 : this.#limits.graphql) : this.#limits[kind];
  }

  /** Current state of a bucket without spending. */
  peek(callerKey: string, kind: keyof RateLimits, resource: "core" | "graphql"): RateLimitBucket {
    const w = this.#window(`${resource}:${callerKey}`);
    const limit = this.limitFor(kind, resource);
    return { limit, used: w.used, remaining: Math.max(0, limit - w.used), reset: Math.ceil(w.resetAt / 1000), resource };
  }

  /** Spends `cost` points; returns the bucket after spending, or undefined when the limit is exhausted (nothing spent). */
  spend(callerKey: string, kind: keyof RateLimits, resource: "core" | "graphql", cost: number): RateLimitBucket | undefined {
    const w = this.#window(`${resource}:${callerKey}`);
    const limit = this.limitFor(kind, resource);
    if (w.used + cost > limit) return undefined;
    w.used += cost;
    return this.peek(callerKey, kind, resource);
  }
}

/** GitHub's `x-ratelimit-*` headers for a bucket. */
export function rateLimitHeaders(b: RateLimitBucket): Record<string, string> {
  return {
    "x-ratelimit-limit": String(b.limit),
    "x-ratelimit-remaining": String(b.remaining),
    "x-ratelimit-reset": String(b.reset),
    "x-ratelimit-used": String(b.used),
    "x-ratelimit-resource": b.resource,
  };
}
