import { CONFIG_PATH, type IntegConfig } from "../core/config/integ-config.js";
import { parseIntegConfig } from "../core/config/parse-integ-config.js";
import type { ConfigAtMerge, MergedPullRequest } from "../core/digest/digest-model.js";
import type { CommitFacts, LabelEvent, NoteFile, PullRequestFacts, ReviewFacts, TeamFacts } from "../core/facts/pull-request-facts.js";
import { listNoteCandidatePaths, noteCandidateContextOf } from "../core/notes/list-note-candidates.js";
import { detectIntegration } from "../core/rules/detect-integration.js";
import {
  buildDigestPagesQuery,
  buildDigestSearchQuery,
  PAGED_CONNECTIONS,
  SEARCH_PAGE_SIZE,
  SEARCH_RESULT_LIMIT,
  type PagedConnection,
  type RawDigestRepository,
  type RawMergedPullRequest,
} from "./digest-query.js";
import { CONFIG_SIZE_LIMIT } from "./fetch-integ-config.js";
import { describeError, type GitHubPort } from "./github-port.js";
import { nodesOf, teamVariables, type RawBlob, type RawCommitNode, type RawConnection, type RawReview, type RawTimelineItem } from "./pull-request-query.js";
import { readTeamAnswers, teamFactsKey } from "./read-team-answers.js";
import { listConfigTeams, READ_BOUNDS } from "../core/rules/plan-follow-up-reads.js";
import { toNoteFile } from "./fetch-follow-up.js";
import { toChangedFile, toCommit, toLabelEvent, toReview } from "./map-raw-facts.js";
import { errorsAt, runGraphql, type GraphqlResult } from "./run-graphql.js";
import { trimTrailingSlashes } from "../core/paths/trim-trailing-slashes.js";

/** GitHub lists at most 3,000 files and 250 commits of a pull request (docs/checks.md#the-verdict-table, row 5). */
const FILE_LIMIT = 3_000;
const COMMIT_LIMIT = 250;
/** Blobs per batched query, and PRs per query of further pages. */
const BLOBS_PER_QUERY = 100;
const PRS_PER_PAGES_QUERY = 20;
const MAX_PAGE_ROUNDS = 30;



/** A read the digest could not complete: the run fails with this message (docs/digest.md "Reading whole"). */
export class DigestReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DigestReadError";
  }
}

/** What the digest reads of a window. */
export interface MergedPullRequestsRead {
  readonly owner: string;
  readonly repo: string;
  /** The web host, derived from the repository's URL (GitHub Enterprise included). */
  readonly serverUrl: string;
  readonly defaultBranch: string;
  /** The default branch's `.integ.yml` now. */
  readonly currentConfig: ConfigAtMerge;
  readonly pullRequests: readonly MergedPullRequest[];
  /** The token's account (asked for with `viewer: true`). */
  readonly viewerLogin: string | null;
}

export interface FetchMergedOptions {
  readonly owner: string;
  readonly repo: string;
  /** ISO 8601; the window is `[since, until)` by merge time. */
  readonly since: string;
  readonly until: string;
  /** Also read the token's login (the Action's digest issues). */
  readonly viewer?: boolean;
}


/** Search qualifier time: whole seconds, UTC. */
function searchTime(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/u, "Z");
}

async function query(port: GitHubPort, text: string, variables: Record<string, unknown>, what: string): Promise<GraphqlResult> {
  try {
    return await runGraphql(port, text, variables);
  } catch (error) {
    throw new DigestReadError(`Could not read ${what}: ${describeError(error)}`);
  }
}

/**
 * Reads the pull requests merged into the default branch in a window, whole
 * (docs/digest.md "Cost"): GitHub's search (50 PRs per page, with their
 * files, commits, reviews, labels and label events), further pages of
 * any longer list, `.integ.yml` at each merge commit (one read per distinct
 * blob that differs from today's), and the note candidates at each merge
 * commit with the config's teams, in batched GraphQL queries. A list that
 * cannot be read whole fails the run (DigestReadError); a note that cannot
 * be read is recorded for its PR.
 */
export async function fetchMergedPullRequests(port: GitHubPort, options: FetchMergedOptions): Promise<MergedPullRequestsRead> {
  const { owner, repo } = options;
  const since = Date.parse(options.since);
  const until = Date.parse(options.until);
  const q = `repo:${owner}/${repo} is:pr is:merged merged:${searchTime(options.since)}..${searchTime(options.until)}`;
  const searchQuery = buildDigestSearchQuery(options.viewer === true);

  // 1. Search pages.
  let repository: RawDigestRepository | null = null;
  let viewerLogin: string | null = null;
  const found: RawMergedPullRequest[] = [];
  let seen = 0;
  let total = 0;
  let after: string | null = null;
  for (;;) {
    const result = await query(port, searchQuery, { owner, repo, q, first: SEARCH_PAGE_SIZE, after }, `the pull requests merged into ${owner}/${repo}`);
    const failed = result.errors[0];
    if (failed !== undefined) throw new DigestReadError(`Could not read the pull requests merged into ${owner}/${repo}: ${failed.message}`);
    const data = result.data ?? {};
    repository ??= (data["repository"] as RawDigestRepository | null | undefined) ?? null;
    if (repository === null) throw new DigestReadError(`Could not read ${owner}/${repo}: the repository was not found, or the token cannot read it`);
    if (options.viewer === true) viewerLogin ??= (data["viewer"] as { login?: string } | null | undefined)?.login ?? null;
    const search = data["search"] as (RawConnection<RawMergedPullRequest> & { issueCount: number }) | null | undefined;
    if (search === null || search === undefined) throw new DigestReadError(`Could not read the search results for ${owner}/${repo}`);
    total = search.issueCount;
    if (total > SEARCH_RESULT_LIMIT) {
      throw new DigestReadError(
        `${total.toLocaleString("en-US")} pull requests were merged in the window, more than GitHub's search lists (${SEARCH_RESULT_LIMIT.toLocaleString("en-US")}): use a shorter window (--since, --until)`,
      );
    }
    const nodes = search.nodes ?? [];
    seen += nodes.length;
    for (const node of nodes) if (node !== null && node.__typename === "PullRequest") found.push(node);
    after = search.pageInfo?.hasNextPage === true ? (search.pageInfo.endCursor ?? null) : null;
    if (after === null || nodes.length === 0) break;
  }
  if (seen < total) throw new DigestReadError(`Could not read all merged pull requests of ${owner}/${repo}: ${seen} of ${total}`);
  const defaultBranch = repository?.defaultBranchRef?.name ?? null;
  if (repository === null || defaultBranch === null) throw new DigestReadError(`${owner}/${repo} has no default branch`);
  const serverUrl = webHost(repository.url, owner, repo);
  const merged = found.filter((pr) => {
    const at = pr.mergedAt === null ? Number.NaN : Date.parse(pr.mergedAt);
    return pr.baseRefName === defaultBranch && pr.mergeCommit !== null && at >= since && at < until;
  });

  // 2. Every list whole.
  const lists = await readAllPages(port, merged);

  // 3. `.integ.yml` at each merge commit: today's text, and one read per other blob.
  const current = repository.defaultBranchRef?.target?.file ?? null;
  const configTexts = new Map<string, ConfigAtMerge>();
  if (current !== null) configTexts.set(current.oid, toConfigAtMerge(current.object));
  const otherOids = [...new Set(merged.map((pr) => pr.mergeCommit?.file?.oid).filter((oid): oid is string => oid !== undefined && !configTexts.has(oid)))];
  for (let i = 0; i < otherOids.length; i += BLOBS_PER_QUERY) {
    const batch = otherOids.slice(i, i + BLOBS_PER_QUERY);
    const declarations = batch.map((_, j) => `$c${j}: GitObjectID!`).join(", ");
    const fields = batch.map((_, j) => `c${j}: object(oid: $c${j}) { __typename ... on Blob { oid byteSize isBinary isTruncated text } }`).join("\n    ");
    const variables = Object.fromEntries(batch.map((oid, j) => [`c${j}`, oid] as const));
    const result = await query(port, `query IntegGateDigestConfigs($owner: String!, $repo: String!, ${declarations}) {\n  repository(owner: $owner, name: $repo) {\n    ${fields}\n  }\n}`, { owner, repo, ...variables }, `${CONFIG_PATH} at the merge commits`);
    const answers = (result.data?.["repository"] ?? null) as Record<string, RawBlob | null> | null;
    batch.forEach((oid, j) => {
      const error = errorsAt(result, ["repository", `c${j}`])[0] ?? (answers === null ? result.errors[0] : undefined);
      if (error !== undefined) throw new DigestReadError(`Could not read ${CONFIG_PATH} at a merge commit (blob ${oid.slice(0, 7)}): ${error.message}`);
      configTexts.set(oid, toConfigAtMerge(answers?.[`c${j}`] ?? null));
    });
  }
  const configOf = (pr: RawMergedPullRequest): ConfigAtMerge => {
    const oid = pr.mergeCommit?.file?.oid;
    return oid === undefined ? { kind: "missing" } : (configTexts.get(oid) ?? { kind: "missing" });
  };

  // 4. Facts without notes; which note paths each integration PR needs.
  const base = merged.map((pr) => {
    const facts = toFacts(pr, lists.get(pr.id) as PagedLists, { owner, repo, serverUrl, defaultBranch });
    const config = configOf(pr);
    let notePaths: string[] = [];
    if (config.kind === "valid" && detectIntegration(facts, config.config).gated) {
      notePaths = listNoteCandidatePaths(facts.body, noteCandidateContextOf(facts, config.config)).slice(0, READ_BOUNDS.notePaths);
    }
    return { pr, facts, config, notePaths };
  });

  // 5. Notes at the merge commits and the configs' teams, batched.
  const teamList = distinctTeams([...configTexts.values()].flatMap((c) => (c.kind === "valid" ? [c.config] : [])));
  const asks = base.flatMap((b, i) => b.notePaths.map((path) => ({ pr: i, path, expression: `${b.pr.mergeCommit?.oid ?? ""}:${path}` })));
  const noteFiles = new Map<number, Record<string, NoteFile>>();
  const unreadable = new Map<number, Record<string, string>>();
  let teams: Record<string, TeamFacts> = {};
  for (let i = 0; i < asks.length || (i === 0 && teamList.length > 0); i += BLOBS_PER_QUERY) {
    const batch = asks.slice(i, i + BLOBS_PER_QUERY);
    const withTeams = i === 0 ? teamList : [];
    const t = teamVariables(withTeams);
    const declarations = ["$owner: String!", "$repo: String!", ...batch.map((_, j) => `$n${j}: String!`), ...t.declarations].join(", ");
    const fields = batch.map((_, j) => `n${j}: object(expression: $n${j}) { __typename ... on Blob { oid byteSize isBinary isTruncated text } }`);
    const variables: Record<string, unknown> = { owner, repo, ...t.variables };
    batch.forEach((ask, j) => (variables[`n${j}`] = ask.expression));
    const text = `query IntegGateDigestNotes(${declarations}) {\n  repository(owner: $owner, name: $repo) {\n    ${fields.length > 0 ? fields.join("\n    ") : "id"}\n  }\n  ${t.fields.join("\n  ")}\n}`;
    let result: GraphqlResult | null = null;
    let failure: string | null = null;
    try {
      result = await runGraphql(port, text, variables);
    } catch (error) {
      failure = describeError(error);
      if (withTeams.length > 0) throw new DigestReadError(`Could not read the teams named in ${CONFIG_PATH}: ${failure}`);
    }
    const answers = (result?.data?.["repository"] ?? null) as Record<string, RawBlob | null> | null;
    batch.forEach((ask, j) => {
      const error = result === null ? failure : (errorsAt(result, ["repository", `n${j}`])[0]?.message ?? (answers === null ? (result.errors[0]?.message ?? "no answer") : null));
      if (error !== null) {
        const record = unreadable.get(ask.pr) ?? {};
        record[ask.path] = error;
        unreadable.set(ask.pr, record);
        return;
      }
      const files = noteFiles.get(ask.pr) ?? {};
      files[ask.path] = toNoteFile(ask.path, answers?.[`n${j}`] ?? null);
      noteFiles.set(ask.pr, files);
    });
    if (withTeams.length > 0 && result !== null) teams = await readTeamAnswers(port, result, withTeams);
    if (asks.length === 0) break;
  }

  const pullRequests: MergedPullRequest[] = base.map((b, i) => ({
    facts: { ...b.facts, noteFiles: noteFiles.get(i) ?? {}, teams: pickTeams(teams, b.config) },
    url: b.pr.url,
    mergedAt: b.pr.mergedAt ?? "",
    mergeCommitSha: b.pr.mergeCommit?.oid ?? "",
    config: b.config,
    unreadableNotes: unreadable.get(i) ?? {},
  }));
  const currentConfig: ConfigAtMerge = current === null ? { kind: "missing" } : (configTexts.get(current.oid) ?? { kind: "missing" });
  return { owner, repo, serverUrl, defaultBranch, currentConfig, pullRequests, viewerLogin };
}

/** `https://ghe.example.com/acme/integrations` -> `https://ghe.example.com`. */
function webHost(repositoryUrl: string, owner: string, repo: string): string {
  const suffix = `/${owner}/${repo}`.toLowerCase();
  const url = trimTrailingSlashes(repositoryUrl);
  return url.toLowerCase().endsWith(suffix) ? url.slice(0, url.length - suffix.length) : new URL(url).origin;
}

function toConfigAtMerge(blob: RawBlob | null): ConfigAtMerge {
  if (blob === null || (blob.__typename !== undefined && blob.__typename !== "Blob")) return { kind: "invalid", problem: "is not a file" };
  if (blob.isBinary === true) return { kind: "invalid", problem: "is a binary file" };
  if (blob.isTruncated === true || (blob.byteSize ?? 0) > CONFIG_SIZE_LIMIT || typeof blob.text !== "string") {
    return { kind: "invalid", problem: `is larger than ${CONFIG_SIZE_LIMIT / 1024} KiB` };
  }
  const parsed = parseIntegConfig(blob.text, CONFIG_PATH);
  if (parsed.ok) return { kind: "valid", config: parsed.config };
  const first = parsed.issues[0];
  return { kind: "invalid", problem: `is invalid${first === undefined ? "" : ` (${first.message})`}` };
}

function distinctTeams(configs: readonly IntegConfig[]): { org: string; slug: string }[] {
  const seen = new Map<string, { org: string; slug: string }>();
  for (const config of configs) for (const team of listConfigTeams(config)) seen.set(teamFactsKey(team), team);
  return [...seen.values()];
}

function pickTeams(all: Readonly<Record<string, TeamFacts>>, config: ConfigAtMerge): Record<string, TeamFacts> {
  if (config.kind !== "valid") return {};
  const out: Record<string, TeamFacts> = {};
  for (const team of listConfigTeams(config.config)) {
    const key = teamFactsKey(team);
    out[key] = all[key] ?? { readable: false, reason: `team @${team.org}/${team.slug} was not read` };
  }
  return out;
}

/** Every node of a PR's lists. */
interface PagedLists {
  files: { readonly path: string; readonly changeType: string }[];
  commits: RawCommitNode[];
  reviews: RawReview[];
  labels: { readonly name: string }[];
  timelineItems: RawTimelineItem[];
  fileTotal: number;
  commitTotal: number;
}

const LIST_NAMES: Readonly<Record<PagedConnection, string>> = {
  files: "changed files",
  commits: "commits",
  reviews: "reviews",
  labels: "labels",
  timelineItems: "label events",
};

/** Reads further pages of every PR's lists, 20 PRs per query, until each list is whole. */
async function readAllPages(port: GitHubPort, prs: readonly RawMergedPullRequest[]): Promise<Map<string, PagedLists>> {
  const lists = new Map<string, PagedLists>();
  const cursors = new Map<string, Partial<Record<PagedConnection, string>>>();
  const names = Object.keys(PAGED_CONNECTIONS) as PagedConnection[];
  const next = (c: RawConnection<unknown> | null | undefined): string | null => (c?.pageInfo?.hasNextPage === true ? (c.pageInfo.endCursor ?? null) : null);
  for (const pr of prs) {
    lists.set(pr.id, {
      files: nodesOf(pr.files),
      commits: nodesOf(pr.commits),
      reviews: nodesOf(pr.reviews),
      labels: nodesOf(pr.labels),
      timelineItems: nodesOf(pr.timelineItems),
      fileTotal: pr.files?.totalCount ?? 0,
      commitTotal: pr.commits?.totalCount ?? 0,
    });
    if ((pr.files?.totalCount ?? 0) > FILE_LIMIT || pr.changedFiles > FILE_LIMIT) {
      throw new DigestReadError(`Could not read all changed files of #${pr.number}: GitHub lists ${FILE_LIMIT.toLocaleString("en-US")} of ${pr.changedFiles.toLocaleString("en-US")}`);
    }
    if ((pr.commits?.totalCount ?? 0) > COMMIT_LIMIT) {
      throw new DigestReadError(`Could not read all commits of #${pr.number}: GitHub lists ${COMMIT_LIMIT} of ${pr.commits?.totalCount ?? 0}`);
    }
    const wanted: Partial<Record<PagedConnection, string>> = {};
    for (const name of names) {
      const cursor = next(pr[name] as RawConnection<unknown> | null);
      if (cursor !== null) wanted[name] = cursor;
    }
    if (Object.keys(wanted).length > 0) cursors.set(pr.id, wanted);
  }
  const numberOf = new Map(prs.map((pr) => [pr.id, pr.number] as const));
  for (let round = 0; cursors.size > 0; round += 1) {
    if (round >= MAX_PAGE_ROUNDS) {
      const [id, left] = [...cursors.entries()][0] ?? ["", {}];
      throw new DigestReadError(`Could not read all ${Object.keys(left).map((n) => LIST_NAMES[n as PagedConnection]).join(", ")} of #${numberOf.get(id) ?? "?"}`);
    }
    const pending = [...cursors.entries()];
    for (let i = 0; i < pending.length; i += PRS_PER_PAGES_QUERY) {
      const batch = pending.slice(i, i + PRS_PER_PAGES_QUERY).map(([id, c], j) => ({ alias: `p${j}`, id, cursors: c }));
      const { query: text, variables } = buildDigestPagesQuery(batch);
      const result = await query(port, text, variables, "further pages of the merged pull requests");
      for (const ask of batch) {
        const error = errorsAt(result, [ask.alias])[0];
        const node = result.data?.[ask.alias] as Record<string, RawConnection<unknown> | undefined> | null | undefined;
        if (error !== undefined || node === null || node === undefined) {
          const what = Object.keys(ask.cursors).map((n) => LIST_NAMES[n as PagedConnection]).join(", ");
          throw new DigestReadError(`Could not read all ${what} of #${numberOf.get(ask.id) ?? "?"}: ${error?.message ?? "no answer"}`);
        }
        const target = lists.get(ask.id) as PagedLists;
        const wanted: Partial<Record<PagedConnection, string>> = {};
        for (const name of Object.keys(ask.cursors) as PagedConnection[]) {
          const connection = node[name];
          (target[name] as unknown[]).push(...nodesOf(connection));
          const cursor = next(connection);
          if (cursor !== null) wanted[name] = cursor;
        }
        if (Object.keys(wanted).length > 0) cursors.set(ask.id, wanted);
        else cursors.delete(ask.id);
      }
    }
  }
  for (const pr of prs) {
    const l = lists.get(pr.id) as PagedLists;
    if (l.files.length < Math.min(l.fileTotal, FILE_LIMIT)) throw new DigestReadError(`Could not read all changed files of #${pr.number}: ${l.files.length} of ${l.fileTotal}`);
    if (l.commits.length < l.commitTotal) throw new DigestReadError(`Could not read all commits of #${pr.number}: ${l.commits.length} of ${l.commitTotal}`);
  }
  return lists;
}


function toFacts(
  pr: RawMergedPullRequest,
  lists: PagedLists,
  where: { readonly owner: string; readonly repo: string; readonly serverUrl: string; readonly defaultBranch: string },
): PullRequestFacts {
  const commits: CommitFacts[] = lists.commits.map(toCommit);
  const reviews = lists.reviews.map(toReview).filter((r): r is ReviewFacts => r !== null);
  const labelEvents = lists.timelineItems.map(toLabelEvent).filter((e): e is LabelEvent => e !== null);
  return {
    owner: where.owner,
    repo: where.repo,
    serverUrl: where.serverUrl,
    number: pr.number,
    title: pr.title,
    state: "merged",
    draft: false,
    author: pr.author?.login ?? null,
    body: pr.body,
    bodyLastEditedAt: pr.lastEditedAt,
    headSha: pr.mergeCommit?.oid ?? "",
    headRef: pr.headRefName,
    headRepoFullName: pr.headRepository?.nameWithOwner ?? null,
    baseRef: pr.baseRefName,
    defaultBranch: where.defaultBranch,
    labels: lists.labels.map((l) => l.name),
    labelEvents,
    changedFilesCount: pr.changedFiles,
    files: lists.files.map(toChangedFile),
    commitsCount: lists.commitTotal,
    commits,
    reviews,
    noteFiles: {},
    noteBlobsAt: {},
    teams: {},
  };
}
