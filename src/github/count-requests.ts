import { isWriteQueued, type GitHubPort } from "./github-port.js";

/** Requests one evaluation sent, split the way GitHub's throttling queues them. */
export interface RequestCounts {
  /** Every request, retries included. */
  readonly total: number;
  /** POST, PATCH, PUT, DELETE and every GraphQL query: they wait in the installation's write queue. */
  readonly writeQueue: number;
  /** GET and HEAD: not queued, run in parallel, may be conditional. */
  readonly reads: number;
  /** Answers 304 Not Modified (an ETag hit: free against the rate limit). */
  readonly notModified: number;
}

/** A counter and the port that feeds it. */
export interface CountedPort {
  readonly port: GitHubPort;
  counts(): RequestCounts;
  /** Counts a 304 answer served from the ETag cache (called by the cache). */
  noteNotModified(): void;
}

/**
 * Wraps a port so that every request sent through it is counted. Put it
 * closest to the Octokit (inside the retrying port) so retries count too.
 */
export function countRequests(inner: GitHubPort): CountedPort {
  let total = 0;
  let writeQueue = 0;
  let reads = 0;
  let notModified = 0;
  const port: GitHubPort = {
    async request(route, parameters) {
      total += 1;
      if (isWriteQueued(route)) writeQueue += 1;
      else reads += 1;
      return inner.request(route, parameters);
    },
    async graphql(query, parameters) {
      total += 1;
      writeQueue += 1;
      return inner.graphql(query, parameters);
    },
  };
  return {
    port,
    counts: () => ({ total, writeQueue, reads, notModified }),
    noteNotModified: () => {
      notModified += 1;
    },
  };
}
