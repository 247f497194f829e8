import { seededRandom } from "./seeded-random.js";

/** HTTP failures the emulator can inject, as GitHub produces them. */
export type FaultStatus = 500 | 502 | 503 | 429 | "403-secondary" | "403-primary";

/** Which requests a fault applies to; every given field must match. */
export interface FaultMatch {
  readonly method?: string;
  /** Tested against the path without `/api/v3` (GraphQL: `/graphql`). A string is a regular expression source. */
  readonly path?: RegExp | string;
  /** true: only GraphQL requests; false: only REST. */
  readonly graphql?: boolean;
}

/** One injected fault rule. */
export interface FaultRule {
  readonly match?: FaultMatch;
  /** The answer; omit with `delayMs` alone for a slow but successful answer. */
  readonly status?: FaultStatus;
  /** How many matching requests it hits (default 1). */
  readonly times?: number;
  /** Seconds, sent as `retry-after` (rate-limit faults). */
  readonly retryAfter?: number;
  /** Wait this long before answering (or before failing). */
  readonly delayMs?: number;
  /** Destroy the connection instead of answering. */
  readonly drop?: boolean;
  /**
   * Fail only after the request was processed (a write that happened but
   * whose answer was lost: a 5xx from a proxy, or a dropped connection).
   */
  readonly afterProcessing?: boolean;
}

/** Random faults: each matching request fails with probability `rate`, reproducibly from `seed`. */
export interface RandomFaults {
  readonly rate: number;
  readonly seed?: number;
  readonly match?: FaultMatch;
  /** Statuses to choose from (default all of 500, 502, 503, 429, 403-secondary). */
  readonly statuses?: readonly FaultStatus[];
  /** Also drop connections, at this share of the faults (default 0). */
  readonly dropShare?: number;
  /** `retry-after` for rate-limit faults (default 1). */
  readonly retryAfter?: number;
}

/** What to do to one request. */
export interface FaultDecision {
  readonly status?: FaultStatus;
  readonly retryAfter?: number;
  readonly delayMs?: number;
  readonly drop?: boolean;
  readonly afterProcessing?: boolean;
}

function matchesRequest(m: FaultMatch | undefined, method: string, path: string, graphql: boolean): boolean {
  if (!m) return true;
  if (m.method !== undefined && m.method.toUpperCase() !== method) return false;
  if (m.graphql !== undefined && m.graphql !== graphql) return false;
  if (m.path !== undefined) {
    const re = typeof m.path === "string" ? new RegExp(m.path) : m.path;
    if (!re.test(path)) return false;
  }
  return true;
}

/** Fault injection for reliability tests (loopback only). */
export class FaultInjector {
  #rules: { rule: FaultRule; left: number }[] = [];
  #random: { config: RandomFaults; next: () => number } | undefined;
  #injected = 0;

  /** Adds a rule; rules apply in the order added, each for its `times`. */
  inject(rule: FaultRule): void {
    this.#rules.push({ rule, left: rule.times ?? 1 });
  }

  /** Turns random faults on (replacing a previous random mode). */
  random(config: RandomFaults): void {
    this.#random = { config, next: seededRandom(config.seed ?? 1) };
  }

  /** Removes every rule and the random mode. */
  clear(): void {
    this.#rules = [];
    this.#random = undefined;
  }

  /** Rules that still have hits left. */
  pending(): number {
    return this.#rules.reduce((n, r) => n + r.left, 0);
  }

  /** How many faults were injected so far. */
  get injected(): number {
    return this.#injected;
  }

  /** Decides the fate of one request (consumes a rule hit when one matches). */
  decide(method: string, path: string, graphql: boolean): FaultDecision | undefined {
    for (const entry of this.#rules) {
      if (entry.left <= 0 || !matchesRequest(entry.rule.match, method, path, graphql)) continue;
      entry.left--;
      this.#injected++;
      const { status, retryAfter, delayMs, drop, afterProcessing } = entry.rule;
      return {
        ...(status !== undefined ? { status } : {}),
        ...(retryAfter !== undefined ? { retryAfter } : {}),
        ...(delayMs !== undefined ? { delayMs } : {}),
        ...(drop !== undefined ? { drop } : {}),
        ...(afterProcessing === true ? { afterProcessing } : {}),
      };
    }
    if (this.#random && matchesRequest(this.#random.config.match, method, path, graphql)) {
      const { config, next } = this.#random;
      if (next() < config.rate) {
        this.#injected++;
        if (config.dropShare !== undefined && next() < config.dropShare) return { drop: true };
        const statuses = config.statuses ?? [500, 502, 503, 429, "403-secondary"];
        const status = statuses[Math.floor(next() * statuses.length)] ?? 500;
        return { status, retryAfter: config.retryAfter ?? 1 };
      }
    }
    return undefined;
  }
}
