import { buildDigest } from "./core/digest/build-digest.js";
import type { Digest } from "./core/digest/digest-model.js";
import type { DigestWindow } from "./core/digest/parse-digest-window.js";
import { fetchMergedPullRequests } from "./github/fetch-merged-pull-requests.js";
import type { GitHubPort } from "./github/github-port.js";
import type { IntegConfig } from "./core/config/integ-config.js";

/** What the CLI and the Action ask for. */
export interface DigestRequest {
  readonly owner: string;
  readonly repo: string;
  readonly window: DigestWindow;
  /** Departments asked for by name; empty: every impacted department. */
  readonly departments: readonly string[];
  /** Also read the token's account (the Action's digest issues). */
  readonly viewer?: boolean;
  /** ISO 8601; default now. */
  readonly generatedAt?: string;
}

/** The digest and what the front doors need besides it. */
export interface DigestRun {
  readonly digest: Digest;
  /** The default branch's `.integ.yml` now (null when missing or invalid). */
  readonly config: IntegConfig | null;
  readonly viewerLogin: string | null;
}

/**
 * The digest, start to finish, for every front door (docs/digest.md):
 * 1. read the merged PRs of the window whole, 2. build the digest with the
 * gate's own rules. Throws DigestReadError when a read fails.
 */
export async function runDigest(port: GitHubPort, request: DigestRequest): Promise<DigestRun> {
  const read = await fetchMergedPullRequests(port, {
    owner: request.owner,
    repo: request.repo,
    since: request.window.since,
    until: request.window.until,
    viewer: request.viewer === true,
  });
  const config = read.currentConfig.kind === "valid" ? read.currentConfig.config : null;
  const digest = buildDigest({
    owner: read.owner,
    repo: read.repo,
    serverUrl: read.serverUrl,
    defaultBranch: read.defaultBranch,
    since: request.window.since,
    until: request.window.until,
    generatedAt: request.generatedAt ?? new Date().toISOString(),
    pullRequests: read.pullRequests,
    requestedDepartments: request.departments,
    currentConfig: config,
  });
  return { digest, config, viewerLogin: read.viewerLogin };
}
