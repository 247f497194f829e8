import { CONFIG_PATH } from "../core/config/integ-config.js";
import { CHECK_OWNER_APPROVAL, CHECK_RELEASE_NOTE } from "../core/rules/gate-verdict.js";
import type {
  ChangedFile,
  CommitFacts,
  DescriptionEdit,
  LabelEvent,
  NoteFile,
  PullRequestFacts,
  ReviewFacts,
  TeamFacts,
} from "../core/facts/pull-request-facts.js";
import type { ProposedConfig } from "../core/report/render-config-check.js";
import { listConfigTeams, planFollowUpReads, READ_BOUNDS } from "../core/rules/plan-follow-up-reads.js";
import type { GateInput } from "../core/rules/gate-input.js";
import { fetchChangedFiles, fetchCommitFiles, FILE_LIST_LIMIT } from "./fetch-changed-files.js";
import {
  fetchFollowUp,
  FollowUpReadError,
  hasFollowUpQuestions,
  toNoteFile,
  type FollowUpAnswers,
  type FollowUpRequest,
} from "./fetch-follow-up.js";
import { fetchDescriptionEdits } from "./fetch-description-edits.js";
import { fetchNoteFiles, MAX_NOTE_GETS } from "./fetch-note-files.js";
import { IncompleteReadError, LIST_LIMITS } from "./incomplete-read-error.js";
import { readConfigBlob, toConfigState } from "./fetch-integ-config.js";
import { toChangedFile, toCommit, toLabelEvent, toReview } from "./map-raw-facts.js";
import { describeError, type GitHubPort } from "./github-port.js";
import {
  buildPullRequestQuery,
  nodesOf,
  teamVariables,
  PULL_REQUEST_PAGES_QUERY,
  type RawCommitNode,
  type RawConnection,
  type RawBlob,
  type RawPullRequest,
  type RawRepositoryConfig,
  type RawReview,
  type RawRunsCommit,
  type RawStatusContext,
  type RawTimelineItem,
} from "./pull-request-query.js";
import type { ListedStatus, NewestStatuses } from "./publish-commit-statuses.js";
import { readCheckRuns, type ExistingCheckRun } from "./read-check-runs.js";
import { readTeamAnswers } from "./read-team-answers.js";
import type { LoadMemo } from "./create-load-memo.js";
import { errorsAt, fieldUnder, runGraphql, type GraphqlErrorInfo } from "./run-graphql.js";

/** GitHub lists at most 250 commits of a pull request. */
export const COMMIT_LIST_LIMIT = 250;
/** Bounds on what one evaluation reads. */
const MAX_NOTE_PATHS = READ_BOUNDS.notePaths;

/** Which pull request. Nothing else is taken from a webhook payload. */
export interface PullRequestTarget {
  readonly owner: string;
  readonly repo: string;
  readonly number: number;
}

export interface LoadPullRequestOptions {
  /** The App's id: read our check runs on the head commit (the Action leaves it out). */
  readonly appId?: number | null;
  /** What earlier evaluations read that cannot change (files at a commit, commit files) and the last config's teams. */
  readonly memo?: LoadMemo;
}

/** What the publisher and the secondary writes need besides the facts. */
export interface LoadedPullRequest {
  readonly number: number;
  readonly headSha: string;
  readonly state: "open" | "closed" | "merged";
  readonly author: string | null;
  /** The PR adds, changes, renames or deletes `.integ.yml`. */
  readonly changesConfig: boolean;
  /** Other open PRs whose head is the same commit. */
  readonly sharedHeadWith: readonly number[];
  /** Users (lower-case login) and teams (lower-case `org/slug`) whose review was ever requested. */
  readonly requestedReviewers: ReadonlySet<string>;
}

/** The proposed `.integ.yml` at head, or why it could not be read. */
export type ProposedConfigRead = ProposedConfig | { readonly kind: "unreadable"; readonly problem: string };

/** Everything one evaluation reads. */
export interface PullRequestLoad {
  readonly input: GateInput;
  /** null when the PR itself could not be read. */
  readonly pullRequest: LoadedPullRequest | null;
  /** Our check runs on the head commit as last read; null when not read (the Action, or a failed read). */
  readonly checkRuns: readonly ExistingCheckRun[] | null;
  /** Set when the PR changes `.integ.yml`. */
  readonly proposedConfig: ProposedConfigRead | null;
  /** (Action) our commit statuses on the head commit as read in GraphQL #1; null when not read. */
  readonly statuses?: NewestStatuses | null;
}

function requestedKey(item: RawTimelineItem): string | null {
  return item.__typename === "ReviewRequestedEvent" ? reviewerKey(item.requestedReviewer) : null;
}

function reviewerKey(r: RawTimelineItem["requestedReviewer"]): string | null {
  if (r === null || r === undefined) return null;
  if (r.login !== undefined) return r.login.toLowerCase();
  if (r.slug !== undefined && r.organization !== undefined) return `${r.organization.login}/${r.slug}`.toLowerCase();
  return null;
}

/** The connections of RawPullRequest that may need more pages. */
interface Collected {
  commits: RawCommitNode[];
  reviews: RawReview[];
  labels: { name: string }[];
  timeline: RawTimelineItem[];
}

function nextCursor(connection: RawConnection<unknown> | null | undefined): string | null {
  return connection?.pageInfo?.hasNextPage === true ? (connection.pageInfo.endCursor ?? null) : null;
}

/** One connection being paged: what was read and where to go on. */
interface Paging {
  readonly list: string;
  readonly limit: number;
  readonly total: number | null;
  cursor: string | null;
  read: () => number;
}

/**
 * Reads every further page of commits (up to GitHub's 250), reviews, labels
 * and label events: one GraphQL query per round, until GitHub says there are
 * no more. A list longer than integ-gate reads (LIST_LIMITS), or one that
 * ends short of the count GitHub gave, is an IncompleteReadError: never a
 * verdict on part of a list (docs/checks.md, "Reading GitHub whole").
 */
async function collectPages(port: GitHubPort, target: PullRequestTarget, pr: RawPullRequest): Promise<Collected> {
  const collected: Collected = {
    commits: nodesOf(pr.commits),
    reviews: nodesOf(pr.reviews),
    labels: nodesOf(pr.labels),
    timeline: nodesOf(pr.timelineItems),
  };
  const paging = {
    commits: { list: "commits", limit: COMMIT_LIST_LIMIT, total: pr.commits.totalCount ?? null, cursor: nextCursor(pr.commits), read: () => collected.commits.length },
    reviews: { list: "reviews", limit: LIST_LIMITS.reviews, total: pr.reviews?.totalCount ?? null, cursor: nextCursor(pr.reviews), read: () => collected.reviews.length },
    labels: { list: "labels", limit: LIST_LIMITS.labels, total: pr.labels?.totalCount ?? null, cursor: nextCursor(pr.labels), read: () => collected.labels.length },
    timeline: { list: "label and review-request events", limit: LIST_LIMITS.timelineEvents, total: null, cursor: nextCursor(pr.timelineItems), read: () => collected.timeline.length },
  } satisfies Record<keyof Collected, Paging>;
  // More than 250 commits is row 5's to judge ("too many commits"), not a failed read.
  const wanted = (p: Paging): boolean => p.cursor !== null && p.read() < p.limit;
  while (Object.values(paging).some(wanted)) {
    const ask = { commits: wanted(paging.commits), reviews: wanted(paging.reviews), labels: wanted(paging.labels), timeline: wanted(paging.timeline) };
    const result = await runGraphql(port, PULL_REQUEST_PAGES_QUERY, {
      owner: target.owner,
      repo: target.repo,
      number: target.number,
      commitsAfter: ask.commits ? paging.commits.cursor : null,
      reviewsAfter: ask.reviews ? paging.reviews.cursor : null,
      labelsAfter: ask.labels ? paging.labels.cursor : null,
      timelineAfter: ask.timeline ? paging.timeline.cursor : null,
      withCommits: ask.commits,
      withReviews: ask.reviews,
      withLabels: ask.labels,
      withTimeline: ask.timeline,
    });
    if (result.errors.length > 0) throw new Error(result.errors[0]?.message ?? "GraphQL error");
    const page = ((result.data?.["repository"] as { pullRequest?: Partial<RawPullRequest> } | null)?.pullRequest ?? {}) as Partial<RawPullRequest>;
    const take = <K extends keyof Collected>(key: K, connection: RawConnection<Collected[K][number]> | null | undefined): void => {
      if (!ask[key]) return;
      const nodes = nodesOf(connection);
      (collected[key] as Collected[K][number][]).push(...nodes);
      // A page that gives nothing and still claims more would loop: treat it as the end, checked below.
      paging[key].cursor = nodes.length === 0 ? null : nextCursor(connection);
    };
    take("commits", page.commits);
    take("reviews", page.reviews);
    take("labels", page.labels);
    take("timeline", page.timelineItems);
  }
  for (const p of Object.values(paging) as Paging[]) {
    if (p.list === "commits") {
      // Row 5 judges a PR over 250 commits; under it, every commit must be here.
      const expected = Math.min(p.total ?? p.read(), COMMIT_LIST_LIMIT);
      if (p.read() < expected) throw new IncompleteReadError(p.list, p.read(), p.total, "GitHub gave fewer commits than it counts");
      continue;
    }
    if (p.cursor !== null) throw new IncompleteReadError(p.list, p.read(), p.total, `integ-gate reads at most ${p.limit.toLocaleString("en-US")}`);
    if (p.total !== null && p.read() < p.total) throw new IncompleteReadError(p.list, p.read(), p.total, `GitHub gave fewer ${p.list} than it counts`);
  }
  collected.commits = collected.commits.slice(0, COMMIT_LIST_LIMIT);
  for (const node of collected.commits) {
    const authors = node.commit.authors;
    const read = nodesOf(authors).length;
    if (authors?.totalCount !== undefined && authors.totalCount > read) {
      throw new IncompleteReadError(`authors of commit ${node.commit.oid.slice(0, 7)}`, read, authors.totalCount, `integ-gate reads at most ${LIST_LIMITS.commitAuthors} authors of a commit`);
    }
  }
  return collected;
}

/**
 * What is left to read once #1 is in: nothing; only a few note files at head
 * (parallel GETs, outside Probot's write queue: the queue stays free for the
 * writes, and the checks come a second sooner); or GraphQL #2.
 */
async function readFollowUp(port: GitHubPort, request: FollowUpRequest): Promise<FollowUpAnswers | null> {
  if (!hasFollowUpQuestions(request)) return null;
  const onlyNotes = request.reviewedShas.length === 0 && request.teams.length === 0 && !request.proposedConfig;
  if (onlyNotes && request.notePaths.length <= MAX_NOTE_GETS) {
    const noteFiles = await fetchNoteFiles(port, { owner: request.owner, repo: request.repo, headSha: request.headSha }, request.notePaths);
    return { noteFiles, noteBlobsAt: {}, teams: {}, checkRuns: null };
  }
  return fetchFollowUp(port, request);
}

function changesConfigFile(files: readonly ChangedFile[]): boolean {
  return files.some((f) => f.path === CONFIG_PATH || f.previousPath === CONFIG_PATH);
}

function failed(what: string, detail: string, pullRequest: LoadedPullRequest | null = null, checkRuns: readonly ExistingCheckRun[] | null = null): PullRequestLoad {
  return { input: { kind: "read-failed", what, detail }, pullRequest, checkRuns, proposedConfig: null };
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "https://github.com";
  }
}

/**
 * Loads what the gate needs about one pull request, in as few requests as
 * the data allows (docs/app.md, "Requests, and GitHub's limits"):
 *
 * 1. GraphQL #1 (depends on nothing): the default branch's `.integ.yml`, the
 *    PR (body, author, head, base, draft/state), its first 100 files,
 *    commits, reviews, labels and label events, other open PRs on the same
 *    head, and (App) our check runs on the head commit.
 * 2. Only when a connection has more than 100 entries: further pages
 *    (GraphQL for commits/reviews/labels/events; REST GETs, in parallel, for
 *    files). Only when a file is renamed: REST files for the previous paths.
 * 3. GraphQL #2 (depends on config and body), skipped when there is nothing
 *    to ask: note candidates at head, the note paths' blobs at reviewed
 *    commits, team members, the proposed `.integ.yml`, our check runs again.
 *    In parallel, REST GETs of commit files, only for commits whose people
 *    reviewed the PR.
 *
 * Labels and reviews are always read live. Any read that fails after
 * retries yields a `read-failed` input, never a guess.
 */
export async function loadPullRequestFacts(
  port: GitHubPort,
  target: PullRequestTarget,
  options: LoadPullRequestOptions = {},
): Promise<PullRequestLoad> {
  const appId = options.appId ?? null;
  const memo = options.memo;
  const repoKey = `${target.owner}/${target.repo}`.toLowerCase();

  // GraphQL #1 (with the members of the teams the config named last time, a hint checked below).
  const teamHint = memo?.configTeams(repoKey);
  const hintedTeams = teamHint?.teams ?? [];
  // Files at a commit never change: what one evaluation read there is remembered by this key.
  const at = (sha: string, path: string): string => `${repoKey}@${sha}:${path}`;
  // The note paths the description linked last time: #1 reads them at the head commit.
  const pullKey = `${repoKey}#${target.number}`;
  const hintedNotes = (memo?.notePaths(pullKey) ?? []).slice(0, MAX_NOTE_PATHS);
  let first;
  try {
    first = await runGraphql(port, buildPullRequestQuery(appId !== null, hintedTeams.length, hintedNotes.length), {
      ...Object.fromEntries(hintedNotes.map((path, i) => [`h${i}`, path])),
      owner: target.owner,
      repo: target.repo,
      number: target.number,
      ...(appId === null ? {} : { appId }),
      ...teamVariables(hintedTeams).variables,
    });
  } catch (error) {
    return failed("the pull request", describeError(error));
  }
  const repository = first.data?.["repository"] as (RawRepositoryConfig & { pullRequest: RawPullRequest | null }) | null | undefined;
  if (repository === null || repository === undefined) {
    return failed("the repository", first.errors[0]?.message ?? "the repository was not found");
  }
  const pr = repository.pullRequest;
  if (pr === null || pr === undefined) {
    return failed("the pull request", first.errors[0]?.message ?? `pull request #${target.number} was not found`);
  }
  const headCommit = nodesOf(pr.headCommit)[0]?.commit;
  // A hinted note field that fails is only a hint lost (asked again in #2); any other error under the head commit counts.
  // So is the Action's read of its statuses (then read again by REST before writing).
  const headField = (e: GraphqlErrorInfo): string => (e.path?.includes("headCommit") === true ? fieldUnder(e, "commit") : "");
  const isHintError = (e: GraphqlErrorInfo): boolean => /^h\d+$/.test(headField(e)) || headField(e) === "status";
  const statusFailed = first.errors.some((e) => headField(e) === "status");
  const hintFailed = new Set(first.errors.map(headField).filter((f) => /^h\d+$/.test(f)));
  const headCommitRead =
    headCommit?.oid === pr.headRefOid && errorsAt(first, ["repository", "pullRequest", "headCommit"]).filter((e) => !isHintError(e)).length === 0;
  const checkRunsAtFirst = appId !== null && headCommitRead ? readCheckRuns(headCommit) : null;
  const statuses =
    appId === null && headCommitRead && !statusFailed && headCommit !== undefined ? readStatuses(pr.headRefOid, headCommit.status) : null;
  if (headCommitRead && headCommit !== undefined) {
    const fields = headCommit as unknown as Record<string, { readonly object?: RawBlob | null } | null | undefined>;
    hintedNotes.forEach((path, i) => {
      const field = fields[`h${i}`];
      // Unanswered or failed: the hint is lost, #2 asks. Known already: a file at a commit never changes.
      if (field === undefined || hintFailed.has(`h${i}`) || memo?.fileAt(at(pr.headRefOid, path)) !== undefined) return;
      memo?.rememberFile(at(pr.headRefOid, path), toNoteFile(path, field?.object ?? null));
    });
  }
  const state = pr.state === "OPEN" ? "open" : pr.state === "MERGED" ? "merged" : "closed";
  const timelineFirst = nodesOf(pr.timelineItems);
  const baseLoaded: LoadedPullRequest = {
    number: pr.number,
    headSha: pr.headRefOid,
    state,
    author: pr.author?.login ?? null,
    changesConfig: false,
    sharedHeadWith: nodesOf(headCommit?.associatedPullRequests)
      .filter((p) => p.state === "OPEN" && p.headRefOid === pr.headRefOid && p.number !== pr.number)
      .map((p) => p.number),
    requestedReviewers: new Set(timelineFirst.map(requestedKey).filter((k): k is string => k !== null)),
  };
  // Every open PR on this head shares the checks: a list not read whole would let decoys hide one.
  const onHead = headCommit?.associatedPullRequests;
  if (onHead?.pageInfo?.hasNextPage === true) {
    const read = nodesOf(onHead).length;
    return failed(
      new IncompleteReadError("pull requests on the head commit", read, onHead.totalCount ?? null, `integ-gate reads at most ${LIST_LIMITS.pullRequestsOnCommit}`).what,
      "too many pull requests share this head commit",
      { ...baseLoaded, sharedHeadWith: [] },
      checkRunsAtFirst,
    );
  }
  if (errorsAt(first, ["repository", "config"]).length > 0) {
    return failed("the configuration", errorsAt(first, ["repository", "config"])[0]?.message ?? "", baseLoaded, checkRunsAtFirst);
  }
  const otherErrors = first.errors.filter(
    (e) => !(e.path?.[0] === "repository" && e.path[1] === "config") && !/^t\d+$/.test(String(e.path?.[0] ?? "")) && !isHintError(e),
  );
  if (otherErrors.length > 0) {
    return failed("the pull request", otherErrors[0]?.message ?? "GraphQL error", baseLoaded, checkRunsAtFirst);
  }
  const configRead = readConfigBlob(repository);
  const configState = toConfigState(configRead);
  const configOid = configRead.kind === "found" ? configRead.blobSha : null;

  // Further pages, and REST files when GraphQL cannot give everything.
  let collected: Collected;
  let files: ChangedFile[];
  try {
    const graphqlFiles = nodesOf(pr.files).map(toChangedFile);
    const totalFiles = Math.min(Math.max(pr.changedFiles, pr.files?.totalCount ?? 0), FILE_LIST_LIMIT);
    const needRest = graphqlFiles.length < totalFiles || graphqlFiles.some((f) => f.status === "renamed" || f.status === "copied");
    [collected, files] = await Promise.all([
      collectPages(port, target, pr),
      needRest ? fetchChangedFiles(port, target, totalFiles) : Promise.resolve<ChangedFile[]>(graphqlFiles),
    ]);
  } catch (error) {
    const what = error instanceof FollowUpReadError ? error.what : "the pull request";
    return failed(what, describeError(error), baseLoaded, checkRunsAtFirst);
  }

  const changesConfig = changesConfigFile(files);
  // Asked before: requested now, requested at some point (timeline), or already reviewed.
  const requested = [
    ...collected.timeline.map(requestedKey),
    ...nodesOf(pr.reviewRequests).map((r) => reviewerKey(r.requestedReviewer)),
    ...collected.reviews.map((r) => r.author?.login?.toLowerCase() ?? null),
  ];
  const loaded: LoadedPullRequest = {
    ...baseLoaded,
    changesConfig,
    requestedReviewers: new Set(requested.filter((k): k is string => k !== null)),
  };

  const partial: PullRequestFacts = {
    owner: target.owner,
    repo: target.repo,
    serverUrl: originOf(repository.url),
    number: pr.number,
    title: pr.title,
    state,
    draft: pr.isDraft,
    author: pr.author?.login ?? null,
    body: pr.body ?? "",
    bodyLastEditedAt: pr.lastEditedAt,
    headSha: pr.headRefOid,
    headRef: pr.headRefName,
    headRepoFullName: pr.headRepository?.nameWithOwner ?? null,
    baseRef: pr.baseRefName,
    defaultBranch: repository.defaultBranchRef?.name ?? "",
    labels: collected.labels.map((l) => l.name),
    labelEvents: collected.timeline.map(toLabelEvent).filter((e): e is LabelEvent => e !== null),
    changedFilesCount: pr.changedFiles,
    files,
    commitsCount: pr.commits.totalCount ?? collected.commits.length,
    commits: collected.commits.map(toCommit),
    reviews: collected.reviews.map(toReview).filter((r): r is ReviewFacts => r !== null),
    noteFiles: {},
    noteBlobsAt: {},
    teams: {},
  };

  // GraphQL #2 and commit files, in parallel.
  const config = configState.kind === "valid" ? configState.config : null;
  // The hint was right when the config read now is the one the teams came from.
  const hintHolds = config !== null && teamHint !== undefined && configOid !== null && teamHint.configOid === configOid;
  let teamsFromFirst: Record<string, TeamFacts> | null = null;
  if (hintHolds) {
    try {
      teamsFromFirst = await readTeamAnswers(port, first, hintedTeams);
    } catch (error) {
      const what = error instanceof FollowUpReadError ? error.what : "the teams";
      return failed(what, describeError(error), loaded, checkRunsAtFirst);
    }
  }
  // What is worth reading is the core's to decide (docs/development.md, "How an evaluation runs").
  const plan = config === null ? null : planFollowUpReads(partial, config, { changesConfig, knownTeams: teamsFromFirst });
  const notGated = plan !== null && !plan.gated;
  const notePaths = plan?.notePaths ?? [];
  const configTeams = config === null ? [] : listConfigTeams(config);
  const neededTeams = plan?.teams ?? [];
  const reviewedShas = plan?.reviewedShas ?? [];
  if (config !== null && configOid !== null) memo?.rememberConfigTeams(repoKey, configOid, configTeams);

  // Files at a commit never change: ask only for what no earlier evaluation read.
  if (config !== null && !notGated) memo?.rememberNotePaths(pullKey, notePaths);
  const knownFiles: Record<string, NoteFile> = {};
  for (const path of notePaths) {
    const known = memo?.fileAt(at(partial.headSha, path));
    if (known !== undefined) knownFiles[path] = known;
  }
  const knownBlobsAt: Record<string, Record<string, string | null>> = {};
  const unknownShas = reviewedShas.filter((sha) => {
    const oids: Record<string, string | null> = {};
    for (const path of notePaths) {
      const oid = memo?.oidAt(at(sha, path));
      if (oid === undefined) return true;
      oids[path] = oid;
    }
    knownBlobsAt[sha] = oids;
    return false;
  });
  const knownProposed = changesConfig ? memo?.fileAt(at(partial.headSha, CONFIG_PATH)) : undefined;
  const followUpRequest = {
    owner: target.owner,
    repo: target.repo,
    headSha: partial.headSha,
    notePaths: notePaths.filter((p) => knownFiles[p] === undefined),
    reviewedShas: unknownShas,
    reviewedPaths: notePaths,
    teams: teamsFromFirst === null ? neededTeams : [],
    proposedConfig: changesConfig && knownProposed === undefined,
    appId,
  };
  const needsFiles = plan?.commitsNeedingFiles ?? [];

  const needsEdits = plan?.descriptionEdits === true;

  let answers: FollowUpAnswers | null = null;
  let commitFiles: Map<string, readonly string[] | undefined>;
  let bodyEdits: DescriptionEdit[] | null | undefined;
  try {
    [answers, commitFiles, bodyEdits] = await Promise.all([
      readFollowUp(port, followUpRequest),
      readCommitFiles(port, target, needsFiles, memo?.commitFiles),
      needsEdits ? fetchDescriptionEdits(port, target) : Promise.resolve(undefined),
    ]);
  } catch (error) {
    const what = error instanceof FollowUpReadError ? error.what : "the release note and teams";
    return failed(what, describeError(error), loaded, checkRunsAtFirst);
  }
  for (const [path, file] of Object.entries(answers?.noteFiles ?? {})) memo?.rememberFile(at(partial.headSha, path), file);
  for (const [sha, oids] of Object.entries(answers?.noteBlobsAt ?? {})) {
    for (const [path, oid] of Object.entries(oids)) memo?.rememberOid(at(sha, path), oid);
  }
  if (answers?.proposedConfig !== undefined) memo?.rememberFile(at(partial.headSha, CONFIG_PATH), answers.proposedConfig);
  const noteFiles: Record<string, NoteFile> = { ...knownFiles, ...answers?.noteFiles };
  const noteBlobsAt: Record<string, Record<string, string | null>> = { ...knownBlobsAt, ...answers?.noteBlobsAt };
  if (notePaths.length > 0) {
    noteBlobsAt[partial.headSha] = Object.fromEntries(
      notePaths.map((path) => {
        const file = noteFiles[path];
        return [path, file === undefined || file.kind === "missing" ? null : file.blobSha];
      }),
    );
  }

  const checkRuns = answers?.checkRuns ?? checkRunsAtFirst;
  const proposedConfig: ProposedConfigRead | null = !changesConfig
    ? null
    : toProposedConfig(answers?.proposedConfig ?? knownProposed);

  if (configState.kind === "read-failed") return { ...failed("the configuration", configState.detail, loaded, checkRuns), proposedConfig, statuses };
  if (configState.kind === "no-config") return { input: { kind: "no-config" }, pullRequest: loaded, checkRuns, proposedConfig, statuses };
  if (configState.kind === "invalid-config") {
    return {
      input: { kind: "invalid-config", defaultBranch: configState.defaultBranch, issues: configState.issues },
      pullRequest: loaded,
      checkRuns,
      proposedConfig,
      statuses,
    };
  }
  const facts: PullRequestFacts = {
    ...partial,
    commits: partial.commits.map((c) => {
      const read = commitFiles.get(c.sha);
      return read === undefined ? c : { ...c, files: read };
    }),
    noteFiles,
    noteBlobsAt,
    teams: { ...teamsFromFirst, ...answers?.teams },
    ...(bodyEdits === undefined ? {} : { bodyEdits }),
  };
  return { input: { kind: "ready", config: configState.config, facts }, pullRequest: loaded, checkRuns, proposedConfig, statuses };
}

/** Our status contexts on the head commit, from GraphQL #1 (REST names states in lower case). */
function readStatuses(sha: string, status: RawRunsCommit["status"]): NewestStatuses {
  const byContext = new Map<string, ListedStatus>();
  const add = (context: string, raw: RawStatusContext | null | undefined): void => {
    if (raw !== null && raw !== undefined) byContext.set(context, { context, state: raw.state.toLowerCase(), description: raw.description });
  };
  add(CHECK_RELEASE_NOTE, status?.releaseNote);
  add(CHECK_OWNER_APPROVAL, status?.ownerApproval);
  return { sha, byContext };
}

function toProposedConfig(file: FollowUpAnswers["proposedConfig"]): ProposedConfigRead {
  if (file === undefined || file.kind === "missing") return { kind: "deleted" };
  if (file.kind === "text") return { kind: "text", text: file.text };
  if (file.kind === "binary") return { kind: "unreadable", problem: "is a binary file" };
  return { kind: "unreadable", problem: `is too large to read (${file.byteSize} bytes)` };
}

/** Files of the given commits, from the memo or through parallel REST GETs. A failed read leaves the files unknown. */
async function readCommitFiles(
  port: GitHubPort,
  target: PullRequestTarget,
  commits: readonly CommitFacts[],
  memo: Map<string, readonly string[] | undefined> | undefined,
): Promise<Map<string, readonly string[] | undefined>> {
  const out = new Map<string, readonly string[] | undefined>();
  await Promise.all(
    commits.map(async (commit) => {
      const key = `${target.owner}/${target.repo}@${commit.sha}`.toLowerCase();
      if (memo?.has(key) === true) {
        out.set(commit.sha, memo.get(key));
        return;
      }
      try {
        const files = await fetchCommitFiles(port, target, commit.sha);
        out.set(commit.sha, files);
        if (files !== undefined && memo !== undefined) {
          memo.set(key, files);
          if (memo.size > 5000) memo.delete(memo.keys().next().value as string);
        }
      } catch {
        out.set(commit.sha, undefined);
      }
    }),
  );
  return out;
}
