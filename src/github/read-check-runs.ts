import type { Annotation } from "../core/rules/gate-verdict.js";
import type { GitHubPort } from "./github-port.js";
import { nodesOf, type RawCheckRun, type RawRunsCommit } from "./pull-request-query.js";

/** A check run of ours as GitHub shows it now. */
export interface ExistingCheckRun {
  readonly id: number;
  readonly name: string;
  /** Lower case, as REST names it: queued, in_progress, completed, waiting, requested, pending. */
  readonly status: string;
  /** Lower case (success, failure, neutral, stale, ...); null while not completed. */
  readonly conclusion: string | null;
  readonly title: string;
  readonly summary: string;
  readonly externalId: string | null;
  /** The first 100 annotations. */
  readonly annotations: readonly Annotation[];
  /** How many annotations the run has in all. */
  readonly annotationCount: number;
}

function toAnnotation(raw: NonNullable<NonNullable<RawCheckRun["annotations"]>["nodes"]>[number]): Annotation | null {
  if (raw === null) return null;
  const level = (raw.annotationLevel ?? "notice").toLowerCase();
  const startColumn = raw.location.start.column;
  const endColumn = raw.location.end.column;
  const sameLine = raw.location.start.line === raw.location.end.line;
  return {
    path: raw.path,
    startLine: raw.location.start.line,
    endLine: raw.location.end.line,
    ...(sameLine && startColumn !== null ? { startColumn } : {}),
    ...(sameLine && endColumn !== null ? { endColumn } : {}),
    level: level === "failure" || level === "warning" ? level : "notice",
    ...(raw.title !== null && raw.title !== "" ? { title: raw.title } : {}),
    message: raw.message,
  };
}

/** Our check runs on a commit, from GraphQL (`...IntegGateCheckRuns`). */
export function readCheckRuns(commit: RawRunsCommit | null | undefined): ExistingCheckRun[] {
  const runs: ExistingCheckRun[] = [];
  for (const suite of nodesOf(commit?.checkSuites)) {
    for (const run of nodesOf(suite.checkRuns)) {
      if (run.databaseId === null) continue;
      runs.push({
        id: run.databaseId,
        name: run.name,
        status: run.status.toLowerCase(),
        conclusion: run.conclusion === null ? null : run.conclusion.toLowerCase(),
        title: run.title ?? "",
        summary: run.summary ?? "",
        externalId: run.externalId,
        annotations: nodesOf(run.annotations).map(toAnnotation).filter((a): a is Annotation => a !== null),
        annotationCount: run.annotations?.totalCount ?? 0,
      });
    }
  }
  return runs;
}

/** The newest run of each name (highest id: GitHub numbers runs in creation order). */
export function newestRunsByName(runs: readonly ExistingCheckRun[]): Map<string, ExistingCheckRun> {
  const newest = new Map<string, ExistingCheckRun>();
  for (const run of runs) {
    const known = newest.get(run.name);
    if (known === undefined || run.id > known.id) newest.set(run.name, run);
  }
  return newest;
}

interface RestCheckRun {
  readonly id: number;
  readonly name: string;
  readonly status: string;
  readonly conclusion: string | null;
  readonly external_id: string | null;
  readonly output?: { readonly title?: string | null; readonly summary?: string | null; readonly annotations_count?: number };
}

/**
 * Runs on a commit through REST, only those of an app and/or of one name:
 * when GraphQL could not give them (a failed load), and when a create's
 * answer was lost. REST lists no annotations, only their count, so a run
 * with annotations never compares equal: the publisher then creates a new run.
 */
export async function fetchCheckRunsByRest(
  port: Pick<GitHubPort, "request">,
  target: { readonly owner: string; readonly repo: string; readonly sha: string },
  only: { readonly appId?: number; readonly name?: string },
): Promise<ExistingCheckRun[]> {
  const answer = await port.request("GET /repos/{owner}/{repo}/commits/{ref}/check-runs", {
    owner: target.owner,
    repo: target.repo,
    ref: target.sha,
    ...(only.appId === undefined ? {} : { app_id: only.appId }),
    ...(only.name === undefined ? {} : { check_name: only.name }),
    filter: "all",
    per_page: 100,
  });
  const runs = (answer.data as { check_runs?: RestCheckRun[] }).check_runs ?? [];
  return runs.map((run) => ({
    id: run.id,
    name: run.name,
    status: run.status,
    conclusion: run.conclusion,
    title: run.output?.title ?? "",
    summary: run.output?.summary ?? "",
    externalId: run.external_id,
    annotations: [],
    annotationCount: run.output?.annotations_count ?? 0,
  }));
}
