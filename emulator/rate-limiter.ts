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

/** Hourly primary rate limits per caller, counted in real time. */
export class RateLimiter {
  readonly #windows = new Map<string, Window>();
  readonly #limits: RateLimits;

  constructor(limits: RateLimits = GITHUB_RATE_LIMITS) {
    this.#limits = limits;
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
