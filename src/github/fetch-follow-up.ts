import type { NoteFile, TeamFacts } from "../core/facts/pull-request-facts.js";
import { FollowUpReadError } from "./follow-up-read-error.js";
import type { GitHubPort } from "./github-port.js";
import { buildFollowUpQuery, type FollowUpAsk, type RawBlob, type RawRunsCommit } from "./pull-request-query.js";
import { readCheckRuns, type ExistingCheckRun } from "./read-check-runs.js";
import { readTeamAnswers } from "./read-team-answers.js";
import { errorsAt, runGraphql } from "./run-graphql.js";

/**
 * Note files larger than this are not read: a release note is short, and this
 * is the longest PR description GitHub accepts (65,536 characters). Markdown
 * parsing is superlinear on hostile input (reference links, brackets and
 * emphasis around links, up to 2-3 s at this size), so a 512 KiB note could
 * hold the event loop for minutes.
 */
export const NOTE_SIZE_LIMIT = 64 * 1024;

/** What GraphQL #2 is asked. */
export interface FollowUpRequest {
  readonly owner: string;
  readonly repo: string;
  readonly headSha: string;
  /** Note candidate paths to read at head. */
  readonly notePaths: readonly string[];
  /** Reviewed commits at which to read the blob oids of `reviewedPaths` (reset_on: note-change). */
  readonly reviewedShas: readonly string[];
  /** Every note candidate path (also those whose text at head is already known). */
  readonly reviewedPaths: readonly string[];
  /** Teams as `org/slug`. */
  readonly teams: readonly { readonly org: string; readonly slug: string }[];
  /** Read the proposed `.integ.yml` at head. */
  readonly proposedConfig: boolean;
  /** Re-read our check runs on head (the App's id), just before writing. */
  readonly appId: number | null;
}

export { FollowUpReadError } from "./follow-up-read-error.js";

/** GraphQL #2's answers, parsed. */
export interface FollowUpAnswers {
  readonly noteFiles: Record<string, NoteFile>;
  readonly noteBlobsAt: Record<string, Record<string, string | null>>;
  readonly teams: Record<string, TeamFacts>;
  /** The blob at head, null when `.integ.yml` is not there; undefined when not asked. */
  readonly proposedConfig?: NoteFile;
  /** Our runs on head; null when not asked. */
  readonly checkRuns: readonly ExistingCheckRun[] | null;
}

/** Whether GraphQL #2 has anything to ask (beyond re-reading check runs). */
export function hasFollowUpQuestions(request: FollowUpRequest): boolean {
  return request.notePaths.length > 0 || request.reviewedShas.length > 0 || request.teams.length > 0 || request.proposedConfig;
}

/** A blob answer as a NoteFile. */
export function toNoteFile(path: string, blob: RawBlob | null | undefined): NoteFile {
  if (blob === null || blob === undefined || (blob.__typename !== undefined && blob.__typename !== "Blob")) {
    return { kind: "missing", path };
  }
  const blobSha = blob.oid ?? "";
  if (blob.isBinary === true) return { kind: "binary", path, blobSha };
  const byteSize = blob.byteSize ?? 0;
  if (blob.isTruncated === true || typeof blob.text !== "string" || byteSize > NOTE_SIZE_LIMIT) {
    return { kind: "too-large", path, blobSha, byteSize };
  }
  return { kind: "text", path, blobSha, text: blob.text };
}

/**
 * GraphQL #2: the note candidates at head, the note paths' blob oids at
 * reviewed commits, team members (child teams included), the proposed
 * `.integ.yml`, and our check runs re-read. A team the token cannot read
 * becomes `{ readable: false, reason }`; a reviewed commit that cannot be
 * read is left out of `noteBlobsAt`; a note that cannot be read throws
 * FollowUpReadError. Teams over 100 members are completed through REST GETs.
 */
export async function fetchFollowUp(port: GitHubPort, request: FollowUpRequest): Promise<FollowUpAnswers> {
  const asks: FollowUpAsk[] = [];
  request.notePaths.forEach((path, i) => asks.push({ kind: "blob", alias: `n${i}`, expression: `${request.headSha}:${path}` }));
  if (request.proposedConfig) asks.push({ kind: "blob", alias: "cfg", expression: `${request.headSha}:.integ.yml` });
  request.reviewedShas.forEach((sha, i) => {
    asks.push({ kind: "commit", alias: `c${i}`, oid: sha });
    request.reviewedPaths.forEach((path, j) => asks.push({ kind: "oid", alias: `c${i}p${j}`, expression: `${sha}:${path}` }));
  });
  request.teams.forEach((team, i) => asks.push({ kind: "team", alias: `t${i}`, org: team.org, slug: team.slug }));
  if (request.appId !== null) asks.push({ kind: "runs", alias: "runs", oid: request.headSha });

  const { query, variables } = buildFollowUpQuery(asks);
  const result = await runGraphql(port, query, {
    ...variables,
    owner: request.owner,
    repo: request.repo,
    ...(request.appId === null ? {} : { appId: request.appId }),
  });
  const repository = (result.data?.["repository"] ?? null) as Record<string, unknown> | null;
  if (repository === null) {
    throw new FollowUpReadError("the release note", result.errors[0]?.message ?? "the repository could not be read");
  }

  const noteFiles: Record<string, NoteFile> = {};
  request.notePaths.forEach((path, i) => {
    const failed = errorsAt(result, ["repository", `n${i}`])[0];
    if (failed !== undefined) throw new FollowUpReadError(`the release note ${path}`, failed.message);
    noteFiles[path] = toNoteFile(path, repository[`n${i}`] as RawBlob | null | undefined);
  });

  const noteBlobsAt: Record<string, Record<string, string | null>> = {};
  request.reviewedShas.forEach((sha, i) => {
    const commit = repository[`c${i}`] as { oid?: string } | null | undefined;
    if (commit === null || commit === undefined || errorsAt(result, ["repository", `c${i}`]).length > 0) return;
    const blobs: Record<string, string | null> = {};
    let readable = true;
    request.reviewedPaths.forEach((path, j) => {
      if (errorsAt(result, ["repository", `c${i}p${j}`]).length > 0) readable = false;
      const blob = repository[`c${i}p${j}`] as { oid?: string } | null | undefined;
      blobs[path] = blob?.oid ?? null;
    });
    if (readable) noteBlobsAt[sha] = blobs;
  });
  const teams = await readTeamAnswers(port, result, request.teams);

  let proposedConfig: NoteFile | undefined;
  if (request.proposedConfig) {
    const failed = errorsAt(result, ["repository", "cfg"])[0];
    if (failed !== undefined) throw new FollowUpReadError("the proposed .integ.yml", failed.message);
    proposedConfig = toNoteFile(".integ.yml", repository["cfg"] as RawBlob | null | undefined);
  }

  const runsFailed = errorsAt(result, ["repository", "runs"]).length > 0;
  const checkRuns = request.appId === null || runsFailed ? null : readCheckRuns(repository["runs"] as RawRunsCommit | null);
  return { noteFiles, noteBlobsAt, teams, ...(proposedConfig === undefined ? {} : { proposedConfig }), checkRuns };
}
