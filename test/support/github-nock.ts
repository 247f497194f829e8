import nock from "nock";
import { ProbotOctokit } from "probot";
import type { GitHubPort } from "../../src/github/github-port.js";
import { recordScopeViolation } from "../../emulator/request-scope.js";
import { validateGithubQuery } from "./github-graphql-schema.js";

export const API = "https://api.github.com";

// The request guard (docs/security.md, "The request guard") for tests that answer with nock: a request no
// interceptor declared is a request the test did not expect, and fails the test even when integ-gate
// swallowed the error (for example into "could not read").
nock.emitter.on("no match", (request: { method?: string; path?: string; href?: string; options?: { method?: string; path?: string; host?: string } }) => {
  const method = request.method ?? request.options?.method ?? "?";
  const where = request.href ?? `${request.options?.host ?? ""}${request.path ?? request.options?.path ?? ""}`;
  recordScopeViolation(`${method} ${where} (no nock interceptor declared it)`);
});

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** A Probot Octokit against api.github.com (nock answers), without throttling or plugin retries. */
export function testOctokit(): GitHubPort {
  return new ProbotOctokit({ auth: { token: "test-token" }, log: quiet, throttle: { enabled: false }, retry: { enabled: false } });
}

/** A GraphQL request the test saw. */
export interface SeenQuery {
  readonly operation: string;
  readonly query: string;
  readonly variables: Record<string, unknown>;
}

/** What a GraphQL handler answers: data, and optionally errors (a partial answer). */
export interface GraphqlAnswer {
  readonly data: unknown;
  readonly errors?: readonly unknown[];
}

/**
 * Answers every GraphQL request with `handler`, after validating the query
 * against GitHub's published schema (an invalid query fails the test by
 * answering 400 with the validation errors).
 */
export function interceptGraphql(handler: (seen: SeenQuery) => GraphqlAnswer): SeenQuery[] {
  const seen: SeenQuery[] = [];
  nock(API)
    .persist()
    .post("/graphql")
    .reply((_uri, body) => {
      const { query, variables } = body as { query: string; variables?: Record<string, unknown> };
      const problems = validateGithubQuery(query);
      if (problems.length > 0) return [400, { message: `invalid query: ${problems.join("; ")}` }];
      const operation = /query\s+(\w+)/.exec(query)?.[1] ?? "";
      const entry = { operation, query, variables: variables ?? {} };
      seen.push(entry);
      return [200, handler(entry)];
    });
  return seen;
}
