import {
  CHECK_OWNER_APPROVAL,
  CHECK_RELEASE_NOTE,
  type CheckVerdict,
  type GateVerdict,
  type Outcome,
} from "../core/rules/gate-verdict.js";
import type { GitHubPort } from "./github-port.js";

/** The publisher only makes REST calls: a GitHubPort (either Octokit) or a test fake. */
export type CommitStatusPort = Pick<GitHubPort, "request">;

/** A commit status state as GitHub names it. */
export type CommitStatusState = "error" | "failure" | "pending" | "success";

/** What one context should show. */
export interface CommitStatus {
  readonly context: typeof CHECK_RELEASE_NOTE | typeof CHECK_OWNER_APPROVAL;
  readonly state: CommitStatusState;
  readonly description: string;
}

/** Where to write. */
export interface CommitStatusTarget {
  readonly owner: string;
  readonly repo: string;
  /** The PR's head commit (or the merge group's head commit). */
  readonly sha: string;
  /** The workflow run's summary page. */
  readonly targetUrl: string;
}

/** What happened to one context. */
export type StatusWrite =
  | { readonly status: CommitStatus; readonly action: "written" }
  | { readonly status: CommitStatus; readonly action: "unchanged" }
  /** Not written: the token is read-only, statuses are disabled, or a dry run. */
  | { readonly status: CommitStatus; readonly action: "skipped"; readonly reason: string };

export interface CommitStatusPublication {
  readonly writes: readonly StatusWrite[];
  /** True when GitHub refused the write because the token is read-only (403). */
  readonly readOnly: boolean;
}

export interface PublishCommitStatusesOptions {
  /** Log what would be written instead of writing (style guide: dry run). */
  readonly dryRun?: boolean;
  /** What the commit shows, when the evaluation read it already: no GET then (used only for the same commit). */
  readonly newest?: NewestStatuses | null;
}

/** GitHub's limit for a status description. */
export const STATUS_DESCRIPTION_LIMIT = 140;

const STATE_BY_OUTCOME: Readonly<Record<Outcome, CommitStatusState>> = {
  skipped: "success",
  pass: "success",
  blocked: "failure",
  pending: "pending",
  error: "error",
};

/** Cuts a description to GitHub's 140 characters, ending with "…" when cut. */
export function cutStatusDescription(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  const chars = Array.from(oneLine);
  if (chars.length <= STATUS_DESCRIPTION_LIMIT) return oneLine;
  return `${chars.slice(0, STATUS_DESCRIPTION_LIMIT - 1).join("").trimEnd()}…`;
}

/** A check verdict as a commit status (docs/action.md#statuses). */
export function toCommitStatus(check: CheckVerdict): CommitStatus {
  const context = check.name === CHECK_OWNER_APPROVAL ? CHECK_OWNER_APPROVAL : CHECK_RELEASE_NOTE;
  const fallback = check.outcome === "skipped" ? "Not an integration pull request" : check.outcome;
  return {
    context,
    state: STATE_BY_OUTCOME[check.outcome],
    description: cutStatusDescription(check.title === "" ? fallback : check.title),
  };
}

/** The two statuses of a verdict, release-note first. */
export function toCommitStatuses(verdict: GateVerdict): readonly CommitStatus[] {
  return [toCommitStatus(verdict.releaseNote), toCommitStatus(verdict.ownerApproval)];
}

/** A status as GitHub lists it (state in lower case). */
export interface ListedStatus {
  readonly context: string;
  readonly state: string;
  readonly description: string | null;
}

/** The newest status of each of our contexts on one commit, as read already (GraphQL #1). */
export interface NewestStatuses {
  readonly sha: string;
  readonly byContext: ReadonlyMap<string, ListedStatus>;
}

function isListedStatus(value: unknown): value is ListedStatus {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v["context"] === "string" && typeof v["state"] === "string";
}

/**
 * The newest status of each of our contexts on `sha`. Reads the combined
 * status (GitHub returns the newest status per context there); one GET, or
 * more when the commit carries over 100 contexts.
 */
async function fetchNewestStatuses(
  port: CommitStatusPort,
  target: CommitStatusTarget,
): Promise<Map<string, ListedStatus>> {
  const newest = new Map<string, ListedStatus>();
  const wanted = new Set<string>([CHECK_RELEASE_NOTE, CHECK_OWNER_APPROVAL]);
  for (let page = 1; page <= 10; page += 1) {
    const response = await port.request("GET /repos/{owner}/{repo}/commits/{ref}/status", {
      owner: target.owner,
      repo: target.repo,
      ref: target.sha,
      per_page: 100,
      page,
    });
    const data = response.data as { statuses?: unknown; total_count?: unknown };
    const statuses = Array.isArray(data.statuses) ? data.statuses : [];
    for (const status of statuses) {
      if (isListedStatus(status) && wanted.has(status.context) && !newest.has(status.context)) {
        newest.set(status.context, status);
      }
    }
    const total = typeof data.total_count === "number" ? data.total_count : statuses.length;
    if (newest.size === wanted.size || statuses.length < 100 || page * 100 >= total) break;
  }
  return newest;
}

/** GitHub's answer to a write with a read-only token. */
export function isReadOnlyTokenError(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const status = (error as { status?: unknown }).status;
  if (status !== 403) return false;
  const message = (error as { message?: unknown }).message;
  return typeof message === "string" && /resource not accessible by (?:integration|personal access token)/i.test(message);
}

/**
 * Writes `integ-gate/release-note` and `integ-gate/owner-approval` on the
 * target commit, each only when its state or description differs from the
 * newest status of that context. A 403 "Resource not accessible by
 * integration" stops the writes and is reported as `readOnly`; any other
 * error is thrown.
 */
export async function publishCommitStatuses(
  port: CommitStatusPort,
  target: CommitStatusTarget,
  statuses: readonly CommitStatus[],
  options: PublishCommitStatusesOptions = {},
): Promise<CommitStatusPublication> {
  if (options.dryRun === true) {
    return { writes: statuses.map((status) => ({ status, action: "skipped", reason: "dry run" })), readOnly: false };
  }
  const known = options.newest;
  const newest = known?.sha === target.sha ? known.byContext : await fetchNewestStatuses(port, target);
  const writes: StatusWrite[] = [];
  let readOnly = false;
  for (const status of statuses) {
    const current = newest.get(status.context);
    if (current !== undefined && current.state === status.state && (current.description ?? "") === status.description) {
      writes.push({ status, action: "unchanged" });
      continue;
    }
    if (readOnly) {
      writes.push({ status, action: "skipped", reason: "the token is read-only" });
      continue;
    }
    try {
      await port.request("POST /repos/{owner}/{repo}/statuses/{sha}", {
        owner: target.owner,
        repo: target.repo,
        sha: target.sha,
        state: status.state,
        context: status.context,
        description: status.description,
        target_url: target.targetUrl,
      });
      writes.push({ status, action: "written" });
    } catch (error) {
      if (!isReadOnlyTokenError(error)) throw error;
      readOnly = true;
      writes.push({ status, action: "skipped", reason: "the token is read-only" });
    }
  }
  return { writes, readOnly };
}
