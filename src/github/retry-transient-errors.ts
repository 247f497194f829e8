import { describeError, errorHeaders, errorStatus, type GitHubPort } from "./github-port.js";

/** Where retries are logged. */
export interface RetryLog {
  warn(message: string): void;
}

export interface RetryOptions {
  /** Retries after the first attempt; default 3. */
  readonly retries?: number;
  /** Backoff when GitHub gives no wait: base × 2^attempt ms; default 1000. */
  readonly baseDelayMs?: number;
  /** The longest wait integ-gate accepts; a longer `retry-after` or reset is not waited for. Default 60 s. */
  readonly maxDelayMs?: number;
  /** Tests replace the clock and the sleep. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
  readonly log?: RetryLog;
}

/** Why a failed request may be retried, and after how long (null: use backoff). */
export interface RetryDecision {
  readonly reason: "secondary rate limit" | "rate limit" | "server error";
  readonly waitMs: number | null;
}

function headerNumber(headers: Readonly<Record<string, string | number | undefined>>, name: string): number | null {
  const value = headers[name];
  if (value === undefined || value === "") return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

/**
 * GitHub's transient answers: 429 and 403 secondary rate limits (wait
 * `retry-after`), 403 primary rate limits (wait until `x-ratelimit-reset`),
 * and 5xx (backoff, or `retry-after` when given). Anything else: null.
 */
export function classifyTransientError(error: unknown, now: number): RetryDecision | null {
  const status = errorStatus(error);
  if (status === null) return null;
  const headers = errorHeaders(error);
  const retryAfter = headerNumber(headers, "retry-after");
  const afterMs = retryAfter === null ? null : Math.max(0, retryAfter * 1000);
  if (status >= 500 && status <= 599) return { reason: "server error", waitMs: afterMs };
  const message = error instanceof Error ? error.message : "";
  if (status === 429 || (status === 403 && (/secondary rate limit|abuse/i.test(message) || afterMs !== null))) {
    return { reason: "secondary rate limit", waitMs: afterMs ?? 60_000 };
  }
  if (status === 403 && headers["x-ratelimit-remaining"] !== undefined && String(headers["x-ratelimit-remaining"]) === "0") {
    const reset = headerNumber(headers, "x-ratelimit-reset");
    return { reason: "rate limit", waitMs: reset === null ? 60_000 : Math.max(0, reset * 1000 - now) + 1000 };
  }
  return null;
}

/** Creates that must not be sent twice blindly (route templates as Octokit names them). */
const NOT_REPEATABLE = /^POST \/repos\/\{owner\}\/\{repo\}\/check-runs$/;

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Retries transient failures (see `classifyTransientError`) a bounded number
 * of times, honouring `retry-after` and `x-ratelimit-reset`, and logs each
 * wait. Octokit's own retry plugin is switched off per request
 * (`request.retries: 0`) so that waits never multiply; Probot's throttling
 * plugin stays on (it spaces writes and handles primary limits first).
 */
export function retryTransientErrors(inner: GitHubPort, options: RetryOptions = {}): GitHubPort {
  const retries = options.retries ?? 3;
  const base = options.baseDelayMs ?? 1000;
  const maxDelay = options.maxDelayMs ?? 60_000;
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;

  async function attempt<T>(what: string, send: () => Promise<T>): Promise<T> {
    for (let attemptNo = 0; ; attemptNo += 1) {
      try {
        return await send();
      } catch (error) {
        const decision = classifyTransientError(error, now());
        if (decision === null || attemptNo >= retries) throw error;
        // A 5xx may come after GitHub made the object: repeating a create could make a second one.
        // Its caller checks first (publishCheckRuns); rate limits are answered before anything is done.
        if (decision.reason === "server error" && NOT_REPEATABLE.test(what)) throw error;
        const wait = decision.waitMs ?? base * 2 ** attemptNo;
        if (wait > maxDelay) throw error;
        options.log?.warn(
          `integ-gate: ${decision.reason} on ${what} (${describeError(error)}); retry ${attemptNo + 1} of ${retries} in ${Math.round(wait / 1000)} s`,
        );
        await sleep(wait);
      }
    }
  }

  const noPluginRetry = (parameters: Record<string, unknown> | undefined): Record<string, unknown> => {
    const request = parameters?.["request"];
    const merged = typeof request === "object" && request !== null ? { ...request, retries: 0 } : { retries: 0 };
    return { ...parameters, request: merged };
  };

  return {
    request: (route, parameters) => attempt(route, () => inner.request(route, noPluginRetry(parameters))),
    graphql: (query, parameters) => attempt("GraphQL", () => inner.graphql(query, noPluginRetry(parameters))),
  };
}
