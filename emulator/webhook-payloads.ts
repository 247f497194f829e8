import { readFileSync } from "node:fs";
import type { EmulatorState } from "./emulator-state.js";
import { findPackageFile } from "./graphql/load-github-schema.js";
import {
  checkRunJson,
  checkSuiteJson,
  installationJson,
  issueCommentJson,
  labelJson,
  orgJson,
  pullJson,
  repoJson,
  reviewJson,
  userJson,
  type Json,
} from "./rest-representations.js";
import { restUrls, type RestUrls } from "./rest-urls.js";
import type { PullRecord, RepoRecord } from "./state-records.js";

/** The part of a running emulator the payload builders need. */
export interface PayloadSource {
  readonly state: EmulatorState;
  /** The emulator's web base URL. */
  readonly url: string;
}

/** A webhook payload (JSON object). */
export type WebhookPayload = Json;

interface ExampleDefinition {
  readonly name: string;
  readonly examples: readonly Json[];
}

let examples: readonly ExampleDefinition[] | undefined;

function loadExamples(): readonly ExampleDefinition[] {
  examples ??= JSON.parse(readFileSync(findPackageFile("@octokit/webhooks-examples", "api.github.com/index.json"), "utf8")) as ExampleDefinition[];
  return examples;
}

/** A deep copy of the first example of `event` with `action` (or the first example when `action` is undefined). */
export function exampleWebhook(event: string, action: string | undefined): Json {
  const def = loadExamples().find((d) => d.name === event);
  const found = def?.examples.find((e) => action === undefined || e["action"] === action);
  if (!found) throw new Error(`emulator: @octokit/webhooks-examples has no ${event}${action ? `.${action}` : ""} example`);
  return structuredClone(found);
}

function ctx(src: PayloadSource): { state: EmulatorState; urls: RestUrls } {
  return { state: src.state, urls: restUrls(src.url) };
}

/** `repository`, `installation`, `organization` (for org-owned repos) and `sender`, as every repository event carries them. */
function envelope(src: PayloadSource, repo: RepoRecord, senderLogin: string | undefined): Json {
  const { state, urls } = ctx(src);
  const owner = state.ensureUser(repo.owner);
  const inst = state.defaultAppId === undefined ? undefined : state.installationFor(state.defaultAppId, repo.fullName);
  return {
    repository: repoJson(state, repo, urls),
    ...(owner.type === "Organization" ? { organization: orgJson(owner, urls) } : {}),
    ...(inst ? { installation: { id: inst.id, node_id: `MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9u${inst.id}` } } : {}),
    sender: userJson(state.ensureUser(senderLogin ?? repo.owner), urls),
  };
}

function merge(base: Json, over: Json): Json {
  const out: Json = { ...base, ...over };
  delete out["enterprise"];
  if (!("installation" in over)) delete out["installation"];
  if (!("organization" in over)) delete out["organization"];
  return out;
}

export type PullRequestAction =
  | "opened"
  | "reopened"
  | "synchronize"
  | "edited"
  | "closed"
  | "labeled"
  | "unlabeled"
  | "ready_for_review"
  | "converted_to_draft"
  | "review_requested";

export interface PullRequestPayloadInput {
  readonly repo: string;
  readonly number: number;
  readonly action: PullRequestAction;
  /** Who acted (default: the PR author). */
  readonly sender?: string;
  /** For `labeled`/`unlabeled`. */
  readonly label?: string;
  /** For `synchronize`: the previous head sha (default: the head commit's first parent). */
  readonly before?: string;
  /** For `edited`: what changed, e.g. `{ body: { from: "old" } }` or `{ base: { ref: { from: "main" }, sha: { from: "…" } } }`. */
  readonly changes?: Json;
}

/** `pull_request` webhook, filled from the emulator's PR (edited and others derived from the nearest example). */
export function pullRequestPayload(src: PayloadSource, input: PullRequestPayloadInput): WebhookPayload {
  const { state, urls } = ctx(src);
  const repo = state.requireRepo(input.repo);
  const pr = state.requirePull(input.repo, input.number);
  const example = exampleWebhookOr(["pull_request", input.action], ["pull_request", "opened"]);
  const payload = merge(example, {
    action: input.action,
    number: pr.number,
    pull_request: pullJson(state, repo, pr, urls, true),
    ...envelope(src, repo, input.sender ?? pr.author ?? undefined),
  });
  if (input.action === "synchronize") {
    payload["before"] = input.before ?? state.git.commit(pr.headSha)?.parents[0] ?? pr.headSha;
    payload["after"] = pr.headSha;
  } else {
    delete payload["before"];
    delete payload["after"];
  }
  if (input.action === "labeled" || input.action === "unlabeled") {
    payload["label"] = labelJson(repo, state.label(repo.fullName, input.label ?? pr.labels[0] ?? "label"), urls);
  } else delete payload["label"];
  if (input.action === "edited") payload["changes"] = input.changes ?? { body: { from: "" } };
  else delete payload["changes"];
  if (input.action !== "review_requested") {
    delete payload["requested_reviewer"];
    delete payload["requested_team"];
  }
  return payload;
}

function exampleWebhookOr(first: [string, string], fallback: [string, string]): Json {
  try {
    return exampleWebhook(first[0], first[1]);
  } catch {
    return exampleWebhook(fallback[0], fallback[1]);
  }
}

/** `pull_request_review` webhook (`submitted`, `edited`, `dismissed`) for a review in the emulator; the state is lower case as in webhooks. */
export function pullRequestReviewPayload(
  src: PayloadSource,
  input: { repo: string; number: number; reviewId: number; action?: "submitted" | "edited" | "dismissed" },
): WebhookPayload {
  const { state, urls } = ctx(src);
  const repo = state.requireRepo(input.repo);
  const pr = state.requirePull(input.repo, input.number);
  const review = pr.reviews.find((r) => r.id === input.reviewId);
  if (!review) throw new Error(`emulator: no review ${input.reviewId}`);
  const action = input.action ?? "submitted";
  const example = exampleWebhookOr(["pull_request_review", action], ["pull_request_review", "submitted"]);
  const reviewBody = reviewJson(state, repo, pr, review, urls);
  return merge(example, {
    action,
    review: { ...reviewBody, state: review.state.toLowerCase() },
    pull_request: pullJson(state, repo, pr, urls, false),
    ...envelope(src, repo, review.user ?? undefined),
    ...(action === "edited" ? { changes: { body: { from: "" } } } : {}),
  });
}

/** `check_run` webhook (e.g. `rerequested` when someone clicks "Re-run"). */
export function checkRunPayload(
  src: PayloadSource,
  input: { repo: string; checkRunId: number; action?: "rerequested" | "created" | "completed" | "requested_action"; sender?: string },
): WebhookPayload {
  const { state, urls } = ctx(src);
  const repo = state.requireRepo(input.repo);
  const run = repo.checkRuns.find((r) => r.id === input.checkRunId);
  if (!run) throw new Error(`emulator: no check run ${input.checkRunId}`);
  const suite = repo.checkSuites.find((s) => s.id === run.checkSuiteId);
  const action = input.action ?? "rerequested";
  const example = exampleWebhookOr(["check_run", action], ["check_run", "rerequested"]);
  const runJson = checkRunJson(state, repo, run, urls);
  const suiteJson = suite ? checkSuiteJson(state, repo, suite, urls) : { id: run.checkSuiteId };
  delete suiteJson["repository"];
  return merge(example, { action, check_run: { ...runJson, check_suite: suiteJson }, ...envelope(src, repo, input.sender) });
}

/** `check_suite` webhook for the app's suite on a commit (`rerequested` by default). */
export function checkSuitePayload(
  src: PayloadSource,
  input: { repo: string; headSha: string; action?: "rerequested" | "requested" | "completed"; sender?: string; appId?: number },
): WebhookPayload {
  const { state, urls } = ctx(src);
  const repo = state.requireRepo(input.repo);
  const appId = input.appId ?? state.defaultAppId;
  if (appId === undefined) throw new Error("emulator: no app");
  const branch = [...repo.refs.entries()].find(([, sha]) => sha === input.headSha)?.[0] ?? null;
  const suite = state.checkSuiteFor(repo.fullName, input.headSha, appId, branch);
  const action = input.action ?? "rerequested";
  const example = exampleWebhookOr(["check_suite", action], ["check_suite", "rerequested"]);
  const suiteJson = checkSuiteJson(state, repo, suite, urls);
  delete suiteJson["repository"];
  return merge(example, { action, check_suite: suiteJson, ...envelope(src, repo, input.sender) });
}

function issueJsonForPull(state: EmulatorState, repo: RepoRecord, pr: PullRecord, urls: RestUrls): Json {
  const api = `${urls.api}/repos/${repo.fullName}`;
  return {
    url: `${api}/issues/${pr.number}`,
    repository_url: api,
    labels_url: `${api}/issues/${pr.number}/labels{/name}`,
    comments_url: `${api}/issues/${pr.number}/comments`,
    events_url: `${api}/issues/${pr.number}/events`,
    html_url: `${urls.web}/${repo.fullName}/pull/${pr.number}`,
    id: pr.id,
    node_id: pr.nodeId,
    number: pr.number,
    title: pr.title,
    user: userJson(state.ensureUser(pr.author ?? "ghost"), urls),
    labels: pr.labels.map((n) => labelJson(repo, state.label(repo.fullName, n), urls)),
    state: pr.state,
    locked: false,
    assignee: null,
    assignees: [],
    milestone: null,
    comments: repo.comments.filter((c) => c.issueNumber === pr.number).length,
    created_at: pr.createdAt,
    updated_at: pr.updatedAt,
    closed_at: pr.closedAt,
    author_association: "CONTRIBUTOR",
    active_lock_reason: null,
    draft: pr.draft,
    pull_request: {
      url: `${api}/pulls/${pr.number}`,
      html_url: `${urls.web}/${repo.fullName}/pull/${pr.number}`,
      diff_url: `${urls.web}/${repo.fullName}/pull/${pr.number}.diff`,
      patch_url: `${urls.web}/${repo.fullName}/pull/${pr.number}.patch`,
      merged_at: pr.mergedAt,
    },
    body: pr.body === "" ? null : pr.body,
    performed_via_github_app: null,
    state_reason: null,
  };
}

/** `issue_comment` webhook for a comment on a PR (made with `state.addIssueComment`). */
export function issueCommentPayload(
  src: PayloadSource,
  input: { repo: string; commentId: number; action?: "created" | "edited" | "deleted" },
): WebhookPayload {
  const { state, urls } = ctx(src);
  const repo = state.requireRepo(input.repo);
  const comment = repo.comments.find((c) => c.id === input.commentId);
  if (!comment) throw new Error(`emulator: no comment ${input.commentId}`);
  const pr = state.requirePull(input.repo, comment.issueNumber);
  const action = input.action ?? "created";
  const example = exampleWebhookOr(["issue_comment", action], ["issue_comment", "created"]);
  return merge(example, {
    action,
    issue: issueJsonForPull(state, repo, pr, urls),
    comment: issueCommentJson(state, repo, comment, urls),
    ...envelope(src, repo, comment.user),
  });
}

/** `push` webhook for a branch move from `before` to `after` (the branch's current tip by default). */
export function pushPayload(
  src: PayloadSource,
  input: { repo: string; branch: string; before: string; after?: string; sender?: string },
): WebhookPayload {
  const { state, urls } = ctx(src);
  const repo = state.requireRepo(input.repo);
  const after = input.after ?? repo.refs.get(input.branch);
  if (!after) throw new Error(`emulator: no branch ${input.branch}`);
  const commits: Json[] = [];
  const excluded = state.git.ancestors(input.before);
  for (const sha of state.git.ancestors(after)) {
    if (excluded.has(sha)) continue;
    const c = state.git.commit(sha);
    if (!c) continue;
    const parent = c.parents[0] ? state.git.commit(c.parents[0]) : undefined;
    const added: string[] = [];
    const removed: string[] = [];
    const modified: string[] = [];
    for (const [p, b] of c.files) {
      const old = parent?.files.get(p);
      if (old === undefined) added.push(p);
      else if (old !== b) modified.push(p);
    }
    for (const p of parent?.files.keys() ?? []) if (!c.files.has(p)) removed.push(p);
    commits.push({
      id: c.sha,
      tree_id: c.tree,
      distinct: true,
      message: c.message,
      timestamp: c.committer.date,
      url: `${urls.web}/${repo.fullName}/commit/${c.sha}`,
      author: { name: c.author.name, email: c.author.email, ...(state.resolveEmail(c.author.email) ? { username: state.resolveEmail(c.author.email)?.login } : {}) },
      committer: { name: c.committer.name, email: c.committer.email },
      added,
      removed,
      modified,
    });
  }
  commits.sort((a, b) => String(a["timestamp"]).localeCompare(String(b["timestamp"])));
  const example = exampleWebhook("push", undefined);
  const env = envelope(src, repo, input.sender);
  const repository = env["repository"] as Json;
  const epoch = (iso: unknown): number => Math.floor(Date.parse(String(iso)) / 1000);
  const sender = env["sender"] as Json;
  return merge(example, {
    ref: `refs/heads/${input.branch}`,
    before: input.before,
    after,
    created: /^0+$/.test(input.before),
    deleted: false,
    forced: false,
    base_ref: null,
    compare: `${urls.web}/${repo.fullName}/compare/${input.before.slice(0, 12)}...${after.slice(0, 12)}`,
    commits,
    head_commit: commits[commits.length - 1] ?? null,
    pusher: { name: sender["login"], email: null },
    ...env,
    repository: { ...repository, created_at: epoch(repository["created_at"]), pushed_at: epoch(repository["pushed_at"]), master_branch: repo.defaultBranch, stargazers: 0 },
  });
}

/** `installation` webhook (`created` by default) for an installation in the emulator. */
export function installationPayload(src: PayloadSource, input: { installationId: number; action?: "created" | "deleted" | "new_permissions_accepted"; sender?: string }): WebhookPayload {
  const { state, urls } = ctx(src);
  const inst = state.installations.get(input.installationId);
  if (!inst) throw new Error(`emulator: no installation ${input.installationId}`);
  const action = input.action ?? "created";
  const repos = [...state.repos.values()].filter(
    (r) => r.owner.toLowerCase() === inst.account.toLowerCase() && (inst.repositorySelection === "all" || inst.repos.has(r.fullName.toLowerCase())),
  );
  const example = exampleWebhookOr(["installation", action], ["installation", "created"]);
  return merge(example, {
    action,
    installation: installationJson(state, inst, urls),
    repositories: repos.map((r) => ({ id: r.id, node_id: r.nodeId, name: r.name, full_name: r.fullName, private: r.private })),
    requester: null,
    sender: userJson(state.ensureUser(input.sender ?? inst.account), urls),
  });
}

/** `installation_repositories` `added` webhook for repositories newly reachable by an installation. */
export function installationRepositoriesPayload(src: PayloadSource, input: { installationId: number; repos: readonly string[]; sender?: string }): WebhookPayload {
  const { state, urls } = ctx(src);
  const inst = state.installations.get(input.installationId);
  if (!inst) throw new Error(`emulator: no installation ${input.installationId}`);
  const example = exampleWebhook("installation_repositories", "added");
  return merge(example, {
    action: "added",
    installation: installationJson(state, inst, urls),
    repository_selection: inst.repositorySelection,
    repositories_added: input.repos.map((n) => state.requireRepo(n)).map((r) => ({ id: r.id, node_id: r.nodeId, name: r.name, full_name: r.fullName, private: r.private })),
    repositories_removed: [],
    requester: null,
    sender: userJson(state.ensureUser(input.sender ?? inst.account), urls),
  });
}

/** `merge_group` `checks_requested` for a merge group made with `state.createMergeGroup`. */
export function mergeGroupPayload(
  src: PayloadSource,
  input: { repo: string; headSha: string; headRef: string; baseSha: string; baseBranch: string; sender?: string },
): WebhookPayload {
  const { state } = ctx(src);
  const repo = state.requireRepo(input.repo);
  const head = state.git.commit(input.headSha);
  if (!head) throw new Error(`emulator: no commit ${input.headSha}`);
  const example = exampleWebhook("merge_group", "checks_requested");
  return merge(example, {
    action: "checks_requested",
    merge_group: {
      head_sha: input.headSha,
      head_ref: `refs/heads/${input.headRef}`,
      base_sha: input.baseSha,
      base_ref: `refs/heads/${input.baseBranch}`,
      head_commit: {
        id: head.sha,
        tree_id: head.tree,
        message: head.message,
        timestamp: head.committer.date,
        author: { name: head.author.name, email: head.author.email },
        committer: { name: head.committer.name, email: head.committer.email },
      },
    },
    ...envelope(src, repo, input.sender),
  });
}

/** `repository` `edited` webhook, e.g. `{ default_branch: { from: "master" } }` after a default branch change. */
export function repositoryEditedPayload(src: PayloadSource, input: { repo: string; changes: Json; sender?: string }): WebhookPayload {
  const { state } = ctx(src);
  const repo = state.requireRepo(input.repo);
  const example = exampleWebhook("repository", "edited");
  return merge(example, { action: "edited", changes: input.changes, ...envelope(src, repo, input.sender) });
}
