import { isWriteQueued, type GitHubPort } from "../github/github-port.js";

/** Thrown instead of sending a request that could change something on GitHub. */
export class WriteRefusedError extends Error {
  constructor(what: string) {
    super(`integ-gate explain only reads: refused to send ${what}`);
    this.name = "WriteRefusedError";
  }
}

/**
 * A port that passes reads through and refuses everything else before it
 * leaves the process: REST requests other than GET/HEAD, and GraphQL
 * mutations. `explain` promises to post nothing; this makes it structural.
 */
export function createReadOnlyPort(port: GitHubPort): GitHubPort {
  return {
    request(route, parameters) {
      if (isWriteQueued(route)) return Promise.reject(new WriteRefusedError(route.trim().split(/\s+/u).slice(0, 2).join(" ")));
      return port.request(route, parameters);
    },
    graphql(query, parameters) {
      if (/(?:^|[\s}])mutation\s*[\w({]/u.test(query)) return Promise.reject(new WriteRefusedError("a GraphQL mutation"));
      return port.graphql(query, parameters);
    },
  };
}
