import type { GitHubPort, GitHubResponse } from "../../src/github/github-port.js";

/** One request a fake port received. */
export interface FakeRequest {
  readonly route: string;
  readonly parameters: Record<string, unknown>;
}

/** A GitHubPort that records requests and answers with `answer` (default: 201 with an id). */
export function fakePort(answer?: (request: FakeRequest) => GitHubResponse | Promise<GitHubResponse>): {
  port: GitHubPort;
  requests: FakeRequest[];
  writes(): FakeRequest[];
} {
  const requests: FakeRequest[] = [];
  let nextId = 500;
  const port: GitHubPort = {
    async request(route, parameters = {}) {
      const request = { route, parameters };
      requests.push(request);
      if (answer) return answer(request);
      nextId += 1;
      return { status: 201, headers: {}, data: { id: nextId } };
    },
    async graphql() {
      throw new Error("fake port: no GraphQL");
    },
  };
  return { port, requests, writes: () => requests.filter((r) => !r.route.startsWith("GET ")) };
}
