import { cacheEtags, type EtagCache } from "./cache-etags.js";
import { countRequests, type RequestCounts } from "./count-requests.js";
import type { GitHubPort } from "./github-port.js";
import { retryTransientErrors, type RetryOptions } from "./retry-transient-errors.js";

export interface GatePortOptions {
  /** GET answers are revalidated with their ETag; one cache per installation. */
  readonly etagCache?: EtagCache;
  readonly installationId?: number | string;
  readonly retry?: RetryOptions;
}

/** The port one evaluation uses, and its request counts. */
export interface GatePort {
  readonly port: GitHubPort;
  counts(): RequestCounts;
}

/**
 * Wraps an Octokit for one evaluation: bounded retries outermost (each
 * attempt counted), then the ETag cache for GETs, then the counter next to
 * the Octokit.
 */
export function createGatePort(github: GitHubPort, options: GatePortOptions = {}): GatePort {
  const counter = countRequests(github);
  let port = counter.port;
  if (options.etagCache !== undefined) {
    port = cacheEtags(port, options.etagCache, String(options.installationId ?? "default"), { onNotModified: counter.noteNotModified });
  }
  port = retryTransientErrors(port, options.retry);
  return { port, counts: counter.counts };
}
