import type { EmulatorState } from "./emulator-state.js";
import type { CommitObject } from "./git-objects.js";
import type { PullDiffEntry } from "./pull-diff.js";
import type { RestUrls } from "./rest-urls.js";
import type {
  AppRecord,
  CheckRunRecord,
  CheckSuiteRecord,
  InstallationRecord,
  IssueCommentRecord,
  IssueEventRecord,
  LabelRecord,
  PullRecord,
  RepoRecord,
  ReviewRecord,
  StatusRecord,
  TeamRecord,
  UserRecord,
} from "./state-records.js";

/** A JSON object as the REST layer returns it. */
export type Json = { [key: string]: unknown };

/** GitHub's `simple-user`. */
export function userJson(u: UserRecord, urls: RestUrls): Json {
  // GitHub escapes logins in URLs (`dependabot%5Bbot%5D`).
  const api = `${urls.api}/users/${encodeURIComponent(u.login)}`;
  return {
    login: u.login,
    id: u.id,
    node_id: u.nodeId,
    avatar_url: `${urls.web}/avatars/u/${u.id}?`,
    gravatar_id: "",
    url: api,
    html_url: `${urls.web}/${u.type === "Bot" ? `apps/${u.login.replace(/\[bot\]$/, "")}` : encodeURIComponent(u.login)}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: u.type,
    user_view_type: "public",
    site_admin: false,
  };
}

export function userJsonByLogin(state: EmulatorState, login: string | null, urls: RestUrls): Json | null {
  if (login === null) return null;
  return userJson(state.ensureUser(login), urls);
}

/** GitHub's `organization-simple`. */
export function orgJson(u: UserRecord, urls: RestUrls): Json {
  const api = `${urls.api}/orgs/${u.login}`;
  return {
    login: u.login,
    id: u.id,
    node_id: u.nodeId,
    url: api,
    repos_url: `${api}/repos`,
    events_url: `${api}/events`,
    hooks_url: `${api}/hooks`,
    issues_url: `${api}/issues`,
    members_url: `${api}/members{/member}`,
    public_members_url: `${api}/public_members{/member}`,
    avatar_url: `${urls.web}/avatars/u/${u.id}?`,
    description: null,
  };
}

/** GitHub's `repository` / `full-repository` (`full` adds the fields only `GET /repos/{o}/{r}` has). */
export function repoJson(state: EmulatorState, repo: RepoRecord, urls: RestUrls, full = false): Json {
  const api = `${urls.api}/repos/${repo.fullName}`;
  const owner = state.ensureUser(repo.owner);
  const openIssues = [...repo.pulls.values()].filter((p) => p.state === "open").length;
  const base: Json = {
    id: repo.id,
    node_id: repo.nodeId,
    name: repo.name,
    full_name: repo.fullName,
    private: repo.private,
    owner: userJson(owner, urls),
    html_url: `${urls.web}/${repo.fullName}`,
    description: repo.description,
    fork: repo.parent !== null,
    url: api,
    forks_url: `${api}/forks`,
    keys_url: `${api}/keys{/key_id}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    teams_url: `${api}/teams`,
    hooks_url: `${api}/hooks`,
    issue_events_url: `${api}/issues/events{/number}`,
    events_url: `${api}/events`,
    assignees_url: `${api}/assignees{/user}`,
    branches_url: `${api}/branches{/branch}`,
    tags_url: `${api}/tags`,
    blobs_url: `${api}/git/blobs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    trees_url: `${api}/git/trees{/sha}`,
    statuses_url: `${api}/statuses/{sha}`,
    languages_url: `${api}/languages`,
    stargazers_url: `${api}/stargazers`,
    contributors_url: `${api}/contributors`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    commits_url: `${api}/commits{/sha}`,
    git_commits_url: `${api}/git/commits{/sha}`,
    comments_url: `${api}/comments{/number}`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    contents_url: `${api}/contents/{+path}`,
    compare_url: `${api}/compare/{base}...{head}`,
    merges_url: `${api}/merges`,
    archive_url: `${api}/{archive_format}{/ref}`,
    downloads_url: `${api}/downloads`,
    issues_url: `${api}/issues{/number}`,
    pulls_url: `${api}/pulls{/number}`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    labels_url: `${api}/labels{/name}`,
    releases_url: `${api}/releases{/id}`,
    deployments_url: `${api}/deployments`,
    created_at: repo.createdAt,
    updated_at: repo.updatedAt,
    pushed_at: repo.pushedAt,
    git_url: `${urls.web.replace(/^https?/, "git")}/${repo.fullName}.git`,
    ssh_url: `git@${new URL(urls.web).host}:${repo.fullName}.git`,
    clone_url: `${urls.web}/${repo.fullName}.git`,
    svn_url: `${urls.web}/${repo.fullName}`,
    homepage: null,
    size: 1,
    stargazers_count: 0,
    watchers_count: 0,
    language: null,
    has_issues: true,
    has_projects: true,
    has_downloads: true,
    has_wiki: true,
    has_pages: false,
    has_discussions: false,
    forks_count: 0,
    mirror_url: null,
    archived: false,
    disabled: false,
    open_issues_count: openIssues,
    license: null,
    allow_forking: true,
    is_template: false,
    web_commit_signoff_required: false,
    topics: [],
    visibility: repo.private ? "private" : "public",
    forks: 0,
    open_issues: openIssues,
    watchers: 0,
    default_branch: repo.defaultBranch,
  };
  if (!full) return base;
  const parent = repo.parent ? state.repo(repo.parent) : undefined;
  return {
    ...base,
    ...(parent ? { parent: repoJson(state, parent, urls), source: repoJson(state, parent, urls) } : {}),
    ...(owner.type === "Organization" ? { organization: userJson(owner, urls) } : {}),
    network_count: 0,
    subscribers_count: 0,
    allow_squash_merge: true,
    allow_merge_commit: true,
    allow_rebase_merge: true,
    allow_auto_merge: false,
    delete_branch_on_merge: false,
    allow_update_branch: false,
  };
}

/** A git user block (`{name, email, date}`) of a commit. */
function gitUser(sig: CommitObject["author"]): Json {
  return { name: sig.name, email: sig.email, date: sig.date };
}

const UNSIGNED = { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null };

/** GitHub's `git-commit` (`GET /git/commits/{sha}`). */
export function gitCommitJson(repo: RepoRecord, c: CommitObject, urls: RestUrls): Json {
  const api = `${urls.api}/repos/${repo.fullName}`;
  return {
    sha: c.sha,
    node_id: `C_kwDO${Buffer.from(c.sha, "hex").toString("base64url")}`,
    url: `${api}/git/commits/${c.sha}`,
    html_url: `${urls.web}/${repo.fullName}/commit/${c.sha}`,
    author: gitUser(c.author),
    committer: gitUser(c.committer),
    tree: { sha: c.tree, url: `${api}/git/trees/${c.tree}` },
    message: c.message,
    parents: c.parents.map((p) => ({ sha: p, url: `${api}/git/commits/${p}`, html_url: `${urls.web}/${repo.fullName}/commit/${p}` })),
    verification: UNSIGNED,
  };
}

/** GitHub's `commit` (`GET /commits/{ref}`, `GET /pulls/{n}/commits`). */
export function commitJson(state: EmulatorState, repo: RepoRecord, c: CommitObject, urls: RestUrls): Json {
  const api = `${urls.api}/repos/${repo.fullName}`;
  const author = state.resolveEmail(c.author.email);
  const committer = c.committer.email === "noreply@github.com" ? state.user("web-flow") : state.resolveEmail(c.committer.email);
  return {
    sha: c.sha,
    node_id: `C_kwDO${Buffer.from(c.sha, "hex").toString("base64url")}`,
    commit: {
      author: gitUser(c.author),
      committer: gitUser(c.committer),
      message: c.message,
      tree: { sha: c.tree, url: `${api}/git/trees/${c.tree}` },
      url: `${api}/git/commits/${c.sha}`,
      comment_count: 0,
      verification: UNSIGNED,
    },
    url: `${api}/commits/${c.sha}`,
    html_url: `${urls.web}/${repo.fullName}/commit/${c.sha}`,
    comments_url: `${api}/commits/${c.sha}/comments`,
    author: author ? userJson(author, urls) : null,
    committer: committer ? userJson(committer, urls) : null,
    parents: c.parents.map((p) => ({ sha: p, url: `${api}/commits/${p}`, html_url: `${urls.web}/${repo.fullName}/commit/${p}` })),
  };
}

export function diffEntryJson(repo: RepoRecord, headSha: string, f: PullDiffEntry, urls: RestUrls): Json {
  const enc = f.filename.split("/").map(encodeURIComponent).join("/");
  return {
    sha: f.sha,
    filename: f.filename,
    status: f.status,
    additions: f.additions,
    deletions: f.deletions,
    changes: f.additions + f.deletions,
    blob_url: `${urls.web}/${repo.fullName}/blob/${headSha}/${enc}`,
    raw_url: `${urls.web}/${repo.fullName}/raw/${headSha}/${enc}`,
    contents_url: `${urls.api}/repos/${repo.fullName}/contents/${enc}?ref=${headSha}`,
    ...(f.patch !== undefined ? { patch: f.patch } : {}),
    ...(f.previousFilename !== undefined ? { previous_filename: f.previousFilename } : {}),
  };
}

export function labelJson(repo: RepoRecord, l: LabelRecord, urls: RestUrls): Json {
  return {
    id: l.id,
    node_id: l.nodeId,
    url: `${urls.api}/repos/${repo.fullName}/labels/${encodeURIComponent(l.name)}`,
    name: l.name,
    color: l.color,
    default: false,
    description: l.description,
  };
}

function authorAssociation(state: EmulatorState, repo: RepoRecord, login: string | null): string {
  if (login === null) return "NONE";
  if (login.toLowerCase() === repo.owner.toLowerCase()) return "OWNER";
  const p = repo.collaborators.get(login.toLowerCase());
  if (p) return "COLLABORATOR";
  for (const t of state.teams.values()) {
    if (t.org.toLowerCase() === repo.owner.toLowerCase() && [...t.members].some((m) => m.toLowerCase() === login.toLowerCase())) return "MEMBER";
  }
  return "CONTRIBUTOR";
}

function teamSimpleJson(t: TeamRecord, urls: RestUrls): Json {
  return {
    id: t.id,
    node_id: t.nodeId,
    url: `${urls.api}/organizations/${t.org}/team/${t.id}`,
    html_url: `${urls.web}/orgs/${t.org}/teams/${t.slug}`,
    name: t.name,
    slug: t.slug,
    description: t.description,
    privacy: t.privacy,
    notification_setting: "notifications_enabled",
    permission: "pull",
    members_url: `${urls.api}/organizations/${t.org}/team/${t.id}/members{/member}`,
    repositories_url: `${urls.api}/organizations/${t.org}/team/${t.id}/repos`,
    type: "organization",
  };
}

export function teamJson(state: EmulatorState, t: TeamRecord, urls: RestUrls): Json {
  const parent = t.parentSlug ? state.team(t.org, t.parentSlug) : undefined;
  return { ...teamSimpleJson(t, urls), parent: parent ? teamSimpleJson(parent, urls) : null };
}

/** GitHub's `pull-request` (`full`) or `pull-request-simple` (list). */
export function pullJson(state: EmulatorState, repo: RepoRecord, pr: PullRecord, urls: RestUrls, full: boolean): Json {
  const api = `${urls.api}/repos/${repo.fullName}`;
  const html = `${urls.web}/${repo.fullName}/pull/${pr.number}`;
  const headRepo = pr.headRepo ? state.repo(pr.headRepo) : undefined;
  const baseSha = state.pullBaseSha(pr, repo.fullName);
  const user = userJsonByLogin(state, pr.author ?? "ghost", urls);
  const side = (r: RepoRecord | undefined, ref: string, sha: string): Json => ({
    label: `${r?.owner ?? "unknown"}:${ref}`,
    ref,
    sha,
    user: r ? userJson(state.ensureUser(r.owner), urls) : user,
    repo: r ? repoJson(state, r, urls) : null,
  });
  const requestedUsers = pr.requestedReviewers.users.map((l) => userJson(state.ensureUser(l), urls));
  const requestedTeams = pr.requestedReviewers.teams
    .map((slug) => state.team(repo.owner, slug))
    .filter((t): t is TeamRecord => t !== undefined)
    .map((t) => teamJson(state, t, urls));
  const json: Json = {
    url: `${api}/pulls/${pr.number}`,
    id: pr.id,
    node_id: pr.nodeId,
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${api}/issues/${pr.number}`,
    number: pr.number,
    state: pr.state,
    locked: false,
    title: pr.title,
    user,
    body: pr.body === "" ? null : pr.body,
    created_at: pr.createdAt,
    updated_at: pr.updatedAt,
    closed_at: pr.closedAt,
    merged_at: pr.mergedAt,
    merge_commit_sha: pr.mergeCommitSha,
    assignee: null,
    assignees: [],
    requested_reviewers: requestedUsers,
    requested_teams: requestedTeams,
    labels: pr.labels.map((name) => labelJson(repo, state.label(repo.fullName, name), urls)),
    milestone: null,
    draft: pr.draft,
    commits_url: `${api}/pulls/${pr.number}/commits`,
    review_comments_url: `${api}/pulls/${pr.number}/comments`,
    review_comment_url: `${api}/pulls/comments{/number}`,
    comments_url: `${api}/issues/${pr.number}/comments`,
    statuses_url: `${api}/statuses/${pr.headSha}`,
    head: side(headRepo, pr.headRef, pr.headSha),
    base: side(repo, pr.baseRef, baseSha),
    _links: {
      self: { href: `${api}/pulls/${pr.number}` },
      html: { href: html },
      issue: { href: `${api}/issues/${pr.number}` },
      comments: { href: `${api}/issues/${pr.number}/comments` },
      review_comments: { href: `${api}/pulls/${pr.number}/comments` },
      review_comment: { href: `${api}/pulls/comments{/number}` },
      commits: { href: `${api}/pulls/${pr.number}/commits` },
      statuses: { href: `${api}/statuses/${pr.headSha}` },
    },
    author_association: authorAssociation(state, repo, pr.author),
    auto_merge: null,
    active_lock_reason: null,
  };
  if (!full) return json;
  const files = state.pullFiles(repo.fullName, pr);
  const commits = state.pullCommits(repo.fullName, pr);
  return {
    ...json,
    merged: pr.merged,
    mergeable: pr.state === "open" ? true : null,
    rebaseable: pr.state === "open" ? true : null,
    mergeable_state: pr.state === "open" ? "clean" : "unknown",
    merged_by: pr.merged ? userJsonByLogin(state, pr.author, urls) : null,
    comments: repo.comments.filter((c) => c.issueNumber === pr.number).length,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: commits.length,
    additions: files.reduce((n, f) => n + f.additions, 0),
    deletions: files.reduce((n, f) => n + f.deletions, 0),
    changed_files: files.length,
  };
}

export function reviewJson(state: EmulatorState, repo: RepoRecord, pr: PullRecord, r: ReviewRecord, urls: RestUrls): Json {
  const api = `${urls.api}/repos/${repo.fullName}`;
  const html = `${urls.web}/${repo.fullName}/pull/${pr.number}#pullrequestreview-${r.id}`;
  return {
    id: r.id,
    node_id: r.nodeId,
    user: userJsonByLogin(state, r.user, urls),
    body: r.body,
    state: r.state,
    html_url: html,
    pull_request_url: `${api}/pulls/${pr.number}`,
    _links: { html: { href: html }, pull_request: { href: `${api}/pulls/${pr.number}` } },
    submitted_at: r.submittedAt,
    commit_id: r.commitId,
    author_association: authorAssociation(state, repo, r.user),
  };
}

/** GitHub's `integration` (an app). */
export function appJson(state: EmulatorState, app: AppRecord, urls: RestUrls): Json {
  return {
    id: app.id,
    slug: app.slug,
    client_id: app.clientId,
    node_id: app.nodeId,
    owner: userJson(state.ensureUser(app.owner), urls),
    name: app.name,
    description: null,
    external_url: `${urls.web}/apps/${app.slug}`,
    html_url: `${urls.web}/apps/${app.slug}`,
    created_at: app.createdAt,
    updated_at: app.createdAt,
    permissions: { ...app.permissions },
    events: [...app.events],
  };
}

const GITHUB_ACTIONS_APP = {
  id: 15368,
  slug: "github-actions",
  name: "GitHub Actions",
};

function checkAppJson(state: EmulatorState, appId: number, urls: RestUrls): Json {
  const app = state.apps.get(appId);
  if (app) return appJson(state, app, urls);
  const owner = state.ensureUser("github", { type: "Organization" });
  return {
    ...GITHUB_ACTIONS_APP,
    node_id: "MDM6QXBwMTUzNjg=",
    client_id: "Iv1.05c79e9ad1f6bdfa",
    owner: userJson(owner, urls),
    description: "Automate your workflow from idea to production",
    external_url: "https://help.github.com/en/actions",
    html_url: `${urls.web}/apps/github-actions`,
    created_at: "2018-07-30T09:30:17Z",
    updated_at: "2024-04-10T20:33:16Z",
    permissions: { checks: "write", statuses: "write", pull_requests: "write", contents: "write", metadata: "read" },
    events: ["check_run", "check_suite", "pull_request", "push"],
  };
}

function prRefJson(state: EmulatorState, repo: RepoRecord, pr: PullRecord, urls: RestUrls): Json {
  const baseSha = state.pullBaseSha(pr, repo.fullName);
  const mini = { id: repo.id, url: `${urls.api}/repos/${repo.fullName}`, name: repo.name };
  return {
    id: pr.id,
    number: pr.number,
    url: `${urls.api}/repos/${repo.fullName}/pulls/${pr.number}`,
    head: { ref: pr.headRef, sha: pr.headSha, repo: mini },
    base: { ref: pr.baseRef, sha: baseSha, repo: mini },
  };
}

/** Pull requests GitHub lists in check runs and suites: open PRs of this repository whose head is the commit (never fork PRs). */
function checkPullRequests(state: EmulatorState, repo: RepoRecord, sha: string, urls: RestUrls): Json[] {
  return [...repo.pulls.values()]
    .filter((p) => p.state === "open" && p.headSha === sha && p.headRepo?.toLowerCase() === repo.fullName.toLowerCase())
    .map((p) => prRefJson(state, repo, p, urls));
}

export function checkSuiteJson(state: EmulatorState, repo: RepoRecord, s: CheckSuiteRecord, urls: RestUrls): Json {
  const runs = repo.checkRuns.filter((r) => r.checkSuiteId === s.id);
  const status = runs.length === 0 ? "queued" : runs.every((r) => r.status === "completed") ? "completed" : "in_progress";
  const order = ["action_required", "cancelled", "timed_out", "failure", "neutral", "success", "skipped", "stale"];
  let conclusion: string | null = null;
  if (status === "completed") {
    conclusion = runs.map((r) => r.conclusion ?? "neutral").sort((a, b) => order.indexOf(a) - order.indexOf(b))[0] ?? null;
  }
  const head = state.git.commit(s.headSha);
  return {
    id: s.id,
    node_id: s.nodeId,
    head_branch: s.headBranch,
    head_sha: s.headSha,
    status,
    conclusion,
    url: `${urls.api}/repos/${repo.fullName}/check-suites/${s.id}`,
    before: head?.parents[0] ?? null,
    after: s.headSha,
    pull_requests: checkPullRequests(state, repo, s.headSha, urls),
    app: checkAppJson(state, s.appId, urls),
    repository: repoJson(state, repo, urls),
    created_at: s.createdAt,
    updated_at: s.updatedAt,
    head_commit: head
      ? {
          id: head.sha,
          tree_id: head.tree,
          message: head.message,
          timestamp: head.committer.date,
          author: { name: head.author.name, email: head.author.email },
          committer: { name: head.committer.name, email: head.committer.email },
        }
      : null,
    latest_check_runs_count: runs.length,
    check_runs_url: `${urls.api}/repos/${repo.fullName}/check-suites/${s.id}/check-runs`,
    rerequestable: true,
    runs_rerequestable: true,
  };
}

export function checkRunJson(state: EmulatorState, repo: RepoRecord, r: CheckRunRecord, urls: RestUrls): Json {
  const api = `${urls.api}/repos/${repo.fullName}`;
  return {
    id: r.id,
    head_sha: r.headSha,
    node_id: r.nodeId,
    external_id: r.externalId,
    url: `${api}/check-runs/${r.id}`,
    html_url: `${urls.web}/${repo.fullName}/runs/${r.id}`,
    details_url: r.detailsUrl ?? `${urls.web}/${repo.fullName}/runs/${r.id}`,
    status: r.status,
    conclusion: r.conclusion,
    started_at: r.startedAt,
    completed_at: r.completedAt,
    output: {
      title: r.output.title,
      summary: r.output.summary,
      text: r.output.text,
      annotations_count: r.output.annotations.length,
      annotations_url: `${api}/check-runs/${r.id}/annotations`,
    },
    name: r.name,
    check_suite: { id: r.checkSuiteId },
    app: checkAppJson(state, r.appId, urls),
    pull_requests: checkPullRequests(state, repo, r.headSha, urls),
  };
}

export function annotationJson(repo: RepoRecord, r: CheckRunRecord, a: CheckRunRecord["output"]["annotations"][number], urls: RestUrls): Json {
  return {
    path: a.path,
    blob_href: `${urls.web}/${repo.fullName}/blob/${r.headSha}/${a.path}`,
    start_line: a.start_line,
    end_line: a.end_line,
    start_column: a.start_column,
    end_column: a.end_column,
    annotation_level: a.annotation_level,
    title: a.title,
    message: a.message,
    raw_details: a.raw_details,
  };
}

export function statusJson(state: EmulatorState, repo: RepoRecord, s: StatusRecord, urls: RestUrls): Json {
  const creator = state.ensureUser(s.creator);
  return {
    url: `${urls.api}/repos/${repo.fullName}/statuses/${s.sha}`,
    avatar_url: `${urls.web}/avatars/u/${creator.id}?`,
    id: s.id,
    node_id: s.nodeId,
    state: s.state,
    description: s.description,
    target_url: s.targetUrl,
    context: s.context,
    created_at: s.createdAt,
    updated_at: s.createdAt,
    creator: userJson(creator, urls),
  };
}

export function issueCommentJson(state: EmulatorState, repo: RepoRecord, c: IssueCommentRecord, urls: RestUrls): Json {
  const api = `${urls.api}/repos/${repo.fullName}`;
  return {
    id: c.id,
    node_id: c.nodeId,
    url: `${api}/issues/comments/${c.id}`,
    html_url: `${urls.web}/${repo.fullName}/pull/${c.issueNumber}#issuecomment-${c.id}`,
    body: c.body,
    user: userJsonByLogin(state, c.user, urls),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    issue_url: `${api}/issues/${c.issueNumber}`,
    author_association: authorAssociation(state, repo, c.user),
    performed_via_github_app: null,
    reactions: {
      url: `${api}/issues/comments/${c.id}/reactions`,
      total_count: 0,
      "+1": 0,
      "-1": 0,
      laugh: 0,
      hooray: 0,
      confused: 0,
      heart: 0,
      rocket: 0,
      eyes: 0,
    },
  };
}

/** A `labeled`/`unlabeled` (or other) issue event, as `GET /issues/{n}/events` and the timeline list it. */
export function issueEventJson(state: EmulatorState, repo: RepoRecord, e: IssueEventRecord, urls: RestUrls): Json {
  return {
    id: e.id,
    node_id: e.nodeId,
    url: `${urls.api}/repos/${repo.fullName}/issues/events/${e.id}`,
    actor: userJsonByLogin(state, e.actor ?? "ghost", urls),
    event: e.event,
    commit_id: null,
    commit_url: null,
    created_at: e.createdAt,
    performed_via_github_app: null,
    ...(e.label ? { label: { name: e.label.name, color: e.label.color } } : {}),
  };
}

export function installationJson(state: EmulatorState, inst: InstallationRecord, urls: RestUrls): Json {
  const account = state.ensureUser(inst.account);
  const app = state.apps.get(inst.appId);
  return {
    id: inst.id,
    client_id: app?.clientId,
    account: userJson(account, urls),
    repository_selection: inst.repositorySelection,
    access_tokens_url: `${urls.api}/app/installations/${inst.id}/access_tokens`,
    repositories_url: `${urls.api}/installation/repositories`,
    html_url: `${urls.web}/organizations/${account.login}/settings/installations/${inst.id}`,
    app_id: inst.appId,
    app_slug: app?.slug ?? "app",
    target_id: account.id,
    target_type: account.type === "Organization" ? "Organization" : "User",
    permissions: { ...inst.permissions },
    events: [...(app?.events ?? [])],
    created_at: inst.createdAt,
    updated_at: inst.createdAt,
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_by: null,
    suspended_at: null,
  };
}
