import { limitSummary } from "../core/report/limit-summary.js";
import type { Annotation, CheckVerdict, Outcome } from "../core/rules/gate-verdict.js";
import { describeError, errorStatus, type GitHubPort } from "./github-port.js";
import { fetchCheckRunsByRest, newestRunsByName, type ExistingCheckRun } from "./read-check-runs.js";

/** GitHub takes at most 50 annotations per create or update request. */
export const ANNOTATIONS_PER_REQUEST = 50;
/** Longer titles are cut (GitHub shows one line). */
export const TITLE_LIMIT = 1_000;

/** A check run's state as GitHub's REST API names it. */
export interface CheckRunState {
  readonly status: "in_progress" | "completed";
  readonly conclusion: "success" | "failure" | "neutral" | null;
  readonly title: string;
  readonly summary: string;
  readonly annotations: readonly Annotation[];
}

const CONCLUSION: Readonly<Record<Outcome, CheckRunState["conclusion"]>> = {
  pass: "success",
  blocked: "failure",
  pending: null,
  skipped: "neutral",
  error: "failure",
};

/** One line, at most TITLE_LIMIT characters. */
export function trimTitle(title: string): string {
  const line = title.replace(/\s+/g, " ").trim();
  const chars = Array.from(line);
  return chars.length <= TITLE_LIMIT ? line : `${chars.slice(0, TITLE_LIMIT - 1).join("").trimEnd()}…`;
}

/** docs/checks.md#check-runs: pass → success, blocked → failure, pending → in_progress, skipped → neutral, error → failure. */
export function toCheckRunState(check: CheckVerdict): CheckRunState {
  const conclusion = CONCLUSION[check.outcome];
  return {
    status: conclusion === null ? "in_progress" : "completed",
    conclusion,
    title: trimTitle(check.title),
    summary: limitSummary(check.summary),
    annotations: check.annotations,
  };
}

/** The external id integ-gate writes: the PR number(s) and the evaluation's start time. */
export function formatExternalId(numbers: readonly number[], startedAt: number): string {
  return `${numbers.join("+")}@${startedAt}`;
}

/** The parts of an external id integ-gate wrote; null for anything else. */
export function parseExternalId(externalId: string | null): { readonly numbers: number[]; readonly startedAt: number } | null {
  const match = externalId === null ? null : /^(\d+(?:\+\d+)*)@(\d+)$/.exec(externalId);
  if (match === null || match[1] === undefined || match[2] === undefined) return null;
  return { numbers: match[1].split("+").map(Number), startedAt: Number(match[2]) };
}

function annotationKey(a: Annotation): string {
  const sameLine = a.startLine === a.endLine;
  return JSON.stringify([
    a.path,
    a.startLine,
    a.endLine,
    sameLine ? (a.startColumn ?? null) : null,
    sameLine ? (a.endColumn ?? null) : null,
    a.level,
    a.title ?? "",
    a.message,
  ]);
}

/** How the annotations on GitHub relate to the wanted ones. */
function compareAnnotations(existing: ExistingCheckRun, wanted: readonly Annotation[]): "same" | "append" | "differ" {
  if (existing.annotations.length < existing.annotationCount) {
    // More than we read: same only if the count matches and what we read is wanted.
    const wantedKeys = new Set(wanted.map(annotationKey));
    return existing.annotationCount === wanted.length && existing.annotations.every((a) => wantedKeys.has(annotationKey(a))) ? "same" : "differ";
  }
  const have = existing.annotations.map(annotationKey).sort();
  const want = wanted.map(annotationKey).sort();
  if (have.length === want.length && have.every((k, i) => k === want[i])) return "same";
  const wantSet = new Set(want);
  return have.every((k) => wantSet.has(k)) && new Set(have).size === have.length ? "append" : "differ";
}

/** What will be done for one check, and why. */
export type CheckRunPlan =
  | { readonly name: string; readonly action: "none"; readonly runId: number; readonly reason: string }
  | { readonly name: string; readonly action: "skip"; readonly runId: number; readonly reason: string }
  | { readonly name: string; readonly action: "create"; readonly reason: string; readonly state: CheckRunState }
  | { readonly name: string; readonly action: "update"; readonly runId: number; readonly state: CheckRunState; readonly append: readonly Annotation[] };

/**
 * Decides, per check name, against the newest run of that name
 * (docs/checks.md#check-runs):
 * - written by an evaluation that started later: leave it;
 * - no run, or the newest is `stale`: create;
 * - the same status, conclusion, title, summary and annotations: nothing;
 * - completed, and the verdict is in_progress again: create (GitHub never reopens a run);
 * - annotations to remove or change: create (GitHub only appends them);
 * - otherwise: update in place, appending new annotations.
 */
export function planCheckRuns(
  checks: readonly CheckVerdict[],
  existing: readonly ExistingCheckRun[],
  startedAt: number,
): CheckRunPlan[] {
  const newest = newestRunsByName(existing);
  return checks.map((check): CheckRunPlan => {
    const state = toCheckRunState(check);
    const run = newest.get(check.name);
    if (run === undefined) return { name: check.name, action: "create", reason: "no run yet", state };
    const writer = parseExternalId(run.externalId);
    if (writer !== null && writer.startedAt > startedAt) {
      return { name: check.name, action: "skip", runId: run.id, reason: "written by an evaluation that started later" };
    }
    if (run.conclusion === "stale") return { name: check.name, action: "create", reason: "the newest run is stale", state };
    const annotations = compareAnnotations(run, state.annotations);
    const sameStatus = run.status === state.status && (run.conclusion ?? null) === state.conclusion;
    if (sameStatus && run.title === state.title && run.summary === state.summary && annotations === "same") {
      return { name: check.name, action: "none", runId: run.id, reason: "already shows this verdict" };
    }
    if (run.status === "completed" && state.status === "in_progress") {
      return { name: check.name, action: "create", reason: "the verdict returns to in_progress", state };
    }
    if (annotations === "differ") return { name: check.name, action: "create", reason: "annotations change", state };
    const haveKeys = new Set(run.annotations.map(annotationKey));
    const append = annotations === "same" ? [] : state.annotations.filter((a) => !haveKeys.has(annotationKey(a)));
    return { name: check.name, action: "update", runId: run.id, state, append };
  });
}

/** Where the check runs go. */
export interface CheckRunTarget {
  readonly owner: string;
  readonly repo: string;
  readonly headSha: string;
}

export interface PublishCheckRunsOptions {
  /** The evaluation's start (ms since epoch): written into external_id and compared with the newest run's. */
  readonly startedAt: number;
  /** PR number(s) for external_id. */
  readonly pullRequests: readonly number[];
  /** Log the writes instead of sending them. */
  readonly dryRun?: boolean;
  readonly log?: { info(message: string): void; warn(message: string): void };
  readonly now?: () => Date;
}

/** A failure after which the request may still have been carried out: a 5xx, or no answer at all. */
function answerMayBeLost(error: unknown): boolean {
  const status = errorStatus(error);
  return status === null || status >= 500;
}

/** The run of this name this very evaluation created (same external id), if GitHub has it. */
async function findOwnRun(port: GitHubPort, target: CheckRunTarget, name: string, externalId: string): Promise<number | null> {
  const runs = await fetchCheckRunsByRest(port, { owner: target.owner, repo: target.repo, sha: target.headSha }, { name });
  const mine = runs.filter((r) => r.name === name && r.externalId === externalId);
  return newestRunsByName(mine).get(name)?.id ?? null;
}

/** What happened to one check. */
export interface CheckRunWrite {
  readonly name: string;
  readonly action: "unchanged" | "skipped" | "created" | "updated" | "dry-run" | "failed";
  readonly runId: number | null;
  readonly reason: string;
  /** Requests sent for this check. */
  readonly requests: number;
}

function toRestAnnotation(a: Annotation): Record<string, unknown> {
  const sameLine = a.startLine === a.endLine;
  return {
    path: a.path,
    start_line: a.startLine,
    end_line: a.endLine,
    ...(sameLine && a.startColumn !== undefined ? { start_column: a.startColumn } : {}),
    ...(sameLine && a.endColumn !== undefined ? { end_column: a.endColumn } : {}),
    annotation_level: a.level,
    message: a.message,
    ...(a.title === undefined ? {} : { title: a.title }),
  };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function statusFields(state: CheckRunState, now: Date): Record<string, unknown> {
  return state.status === "completed"
    ? { status: "completed", conclusion: state.conclusion, completed_at: now.toISOString() }
    : { status: "in_progress" };
}

/**
 * Writes the check runs of one head commit, each only when GitHub does not
 * already show its verdict (see `planCheckRuns`): one POST or PATCH per check
 * carrying the output and up to 50 annotations, further PATCHes of 50 when
 * there are more. `existing` must be the freshest read of our runs on that
 * commit (GraphQL #2 re-reads them just before this). A failed write is
 * reported, not thrown.
 */
export async function publishCheckRuns(
  port: GitHubPort,
  target: CheckRunTarget,
  checks: readonly CheckVerdict[],
  existing: readonly ExistingCheckRun[],
  options: PublishCheckRunsOptions,
): Promise<CheckRunWrite[]> {
  const now = options.now ?? (() => new Date());
  const externalId = formatExternalId(options.pullRequests, options.startedAt);
  const plans = planCheckRuns(checks, existing, options.startedAt);
  const writes: CheckRunWrite[] = [];
  for (const plan of plans) {
    if (plan.action === "none" || plan.action === "skip") {
      writes.push({ name: plan.name, action: plan.action === "none" ? "unchanged" : "skipped", runId: plan.runId, reason: plan.reason, requests: 0 });
      continue;
    }
    if (options.dryRun === true) {
      const what = plan.action === "create" ? `create ${plan.name} (${plan.reason})` : `update ${plan.name} (run ${plan.runId})`;
      options.log?.info(`dry run: would ${what} on ${target.headSha.slice(0, 7)}: ${plan.state.status}/${plan.state.conclusion ?? "-"} "${plan.state.title}"`);
      writes.push({ name: plan.name, action: "dry-run", runId: plan.action === "update" ? plan.runId : null, reason: what, requests: 0 });
      continue;
    }
    let requests = 0;
    let runId: number | null = plan.action === "update" ? plan.runId : null;
    try {
      const state = plan.state;
      const output = (annotations: readonly Annotation[]): Record<string, unknown> => ({
        title: state.title,
        summary: state.summary,
        ...(annotations.length > 0 ? { annotations: annotations.map(toRestAnnotation) } : {}),
      });
      const batches = chunks(plan.action === "create" ? state.annotations : plan.append, ANNOTATIONS_PER_REQUEST);
      const firstBatch = batches.shift() ?? [];
      if (plan.action === "create") {
        const create = async (): Promise<number | null> => {
          requests += 1;
          const answer = await port.request("POST /repos/{owner}/{repo}/check-runs", {
            owner: target.owner,
            repo: target.repo,
            name: plan.name,
            head_sha: target.headSha,
            external_id: externalId,
            ...statusFields(state, now()),
            output: output(firstBatch),
          });
          return (answer.data as { id?: number }).id ?? null;
        };
        try {
          runId = await create();
        } catch (error) {
          if (!answerMayBeLost(error)) throw error;
          // GitHub may have made the run and lost the answer: look before creating it again.
          requests += 1;
          const made = await findOwnRun(port, target, plan.name, externalId);
          options.log?.warn(
            `integ-gate: creating ${plan.name} on ${target.headSha.slice(0, 7)} failed (${describeError(error)}); ` +
              (made === null ? "it was not made, creating it again" : `run ${made} was made, keeping it`),
          );
          runId = made ?? (await create());
        }
      } else {
        requests += 1;
        await port.request("PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}", {
          owner: target.owner,
          repo: target.repo,
          check_run_id: plan.runId,
          external_id: externalId,
          ...statusFields(state, now()),
          output: output(firstBatch),
        });
      }
      for (const batch of batches) {
        if (runId === null) break;
        requests += 1;
        await port.request("PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}", {
          owner: target.owner,
          repo: target.repo,
          check_run_id: runId,
          output: output(batch),
        });
      }
      writes.push({
        name: plan.name,
        action: plan.action === "create" ? "created" : "updated",
        runId,
        reason: plan.action === "create" ? plan.reason : "verdict changed",
        requests,
      });
    } catch (error) {
      options.log?.warn(`integ-gate: could not write ${plan.name} on ${target.headSha.slice(0, 7)}: ${describeError(error)}`);
      writes.push({ name: plan.name, action: "failed", runId, reason: describeError(error), requests });
    }
  }
  return writes;
}
