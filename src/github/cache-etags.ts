import { errorStatus, type GitHubPort, type GitHubResponse } from "./github-port.js";
import { LruMap } from "./lru-map.js";

/** One remembered GET answer. */
interface CachedAnswer {
  readonly etag: string;
  readonly response: GitHubResponse;
  readonly storedAt: number;
}

export interface EtagCacheOptions {
  /** Entries kept per installation (least recently used dropped first); default 500. */
  readonly maxEntries?: number;
  /** How long an entry may be reused for a conditional request; default 1 hour. */
  readonly ttlMs?: number;
  /** Installations kept (least recently used dropped first); default 100. */
  readonly maxInstallations?: number;
  readonly now?: () => number;
}

/**
 * ETags of GET answers, one bounded LRU per installation with a lifetime.
 * A repeated GET is sent with `If-None-Match`; GitHub's `304 Not Modified`
 * does not count against the rate limit, and the remembered answer is reused.
 */
export class EtagCache {
  readonly #installations: LruMap<string, LruMap<string, CachedAnswer>>;
  readonly #maxEntries: number;
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor(options: EtagCacheOptions = {}) {
    this.#installations = new LruMap(options.maxInstallations ?? 100);
    this.#maxEntries = options.maxEntries ?? 500;
    this.#ttlMs = options.ttlMs ?? 60 * 60 * 1000;
    this.#now = options.now ?? Date.now;
  }

  #entries(installation: string): LruMap<string, CachedAnswer> {
    let entries = this.#installations.get(installation);
    if (entries === undefined) {
      entries = new LruMap(this.#maxEntries);
      this.#installations.set(installation, entries);
    }
    return entries;
  }

  /** A fresh-enough remembered answer for this GET, or undefined. */
  lookup(installation: string, key: string): CachedAnswer | undefined {
    const entries = this.#entries(installation);
    const entry = entries.get(key);
    if (entry === undefined) return undefined;
    if (this.#now() - entry.storedAt > this.#ttlMs) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  }

  store(installation: string, key: string, etag: string, response: GitHubResponse): void {
    this.#entries(installation).set(key, { etag, response, storedAt: this.#now() });
  }

  /** Entries held for one installation (tests). */
  size(installation: string): number {
    return this.#entries(installation).size;
  }
}

function cacheKey(route: string, parameters: Record<string, unknown> | undefined): string {
  const sorted = Object.keys(parameters ?? {})
    .filter((k) => k !== "headers" && k !== "request")
    .sort()
    .map((k) => [k, parameters?.[k]]);
  return `${route} ${JSON.stringify(sorted)}`;
}

export interface CacheEtagsOptions {
  /** Called for each 304 answer (the request counter counts them). */
  readonly onNotModified?: () => void;
}

/**
 * Sends GETs through the installation's ETag cache: conditional when an
 * ETag is known, the remembered answer on 304. Other requests pass through.
 */
export function cacheEtags(inner: GitHubPort, cache: EtagCache, installation: string, options: CacheEtagsOptions = {}): GitHubPort {
  return {
    graphql: (query, parameters) => inner.graphql(query, parameters),
    async request(route, parameters) {
      if (!/^GET\s/.test(route.trim())) return inner.request(route, parameters);
      const key = cacheKey(route, parameters);
      const known = cache.lookup(installation, key);
      const headers = { ...(parameters?.["headers"] as Record<string, string> | undefined) };
      if (known !== undefined) headers["if-none-match"] = known.etag;
      try {
        const response = await inner.request(route, { ...parameters, headers });
        const etag = response.headers["etag"];
        if (typeof etag === "string" && etag !== "") cache.store(installation, key, etag, response);
        return response;
      } catch (error) {
        if (known !== undefined && errorStatus(error) === 304) {
          options.onNotModified?.();
          return known.response;
        }
        throw error;
      }
    },
  };
}
