/**
 * The records the emulator keeps. Plain mutable data: the state class owns
 * them, the REST and GraphQL layers render them in GitHub's shapes.
 */

/** Permission levels of a GitHub App installation (or an Actions token). */
export type AccessLevel = "read" | "write";

/** Installation permissions, named as GitHub names them. */
export type InstallationPermissions = Partial<
  Record<
    | "checks"
    | "statuses"
    | "pull_requests"
    | "contents"
    | "issues"
    | "members"
    | "metadata"
    | "actions"
    | "merge_queues",
    AccessLevel
  >
>;

export type AccountType = "User" | "Bot" | "Organization";

export interface UserRecord {
  readonly id: number;
  readonly nodeId: string;
  readonly login: string;
  readonly type: AccountType;
  name: string | null;
  /** Public email; also used to resolve commit identities. */
  email: string | null;
  /** Extra verified emails that resolve to this account. */
  readonly emails: string[];
  readonly createdAt: string;
}

export interface TeamRecord {
  readonly id: number;
  readonly nodeId: string;
  readonly org: string;
  readonly slug: string;
  name: string;
  description: string | null;
  privacy: "closed" | "secret";
  /** Slug of the parent team, if any. */
  parentSlug: string | null;
  /** Direct members' logins. */
  readonly members: Set<string>;
  readonly createdAt: string;
}

export interface LabelRecord {
  readonly id: number;
  readonly nodeId: string;
  readonly name: string;
  color: string;
  description: string | null;
}

export type IssueEventKind = "labeled" | "unlabeled" | "review_requested" | "ready_for_review" | "convert_to_draft" | "closed" | "reopened";

export interface IssueEventRecord {
  readonly id: number;
  readonly nodeId: string;
  readonly event: IssueEventKind;
  /** null for a deleted account. */
  readonly actor: string | null;
  readonly label?: { readonly name: string; readonly color: string };
  readonly createdAt: string;
}

export type ReviewStateName = "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED" | "PENDING";

export interface ReviewRecord {
  readonly id: number;
  readonly nodeId: string;
  /** null for a deleted account. */
  readonly user: string | null;
  state: ReviewStateName;
  body: string;
  readonly commitId: string;
  readonly submittedAt: string;
}

export interface PullRecord {
  readonly id: number;
  readonly nodeId: string;
  readonly number: number;
  title: string;
  body: string;
  /** null for a deleted account. */
  author: string | null;
  state: "open" | "closed";
  merged: boolean;
  mergedAt: string | null;
  mergeCommitSha: string | null;
  closedAt: string | null;
  draft: boolean;
  headRef: string;
  /** `owner/name` of the head repository; null when the fork was deleted. */
  headRepo: string | null;
  /** The head commit (follows pushes to the head branch). */
  headSha: string;
  baseRef: string;
  readonly createdAt: string;
  updatedAt: string;
  lastEditedAt: string | null;
  /** Every version of the description once it was edited, newest first (GitHub's `userContentEdits`; the oldest is the text as created). */
  readonly bodyEdits: { readonly id: number; readonly editedAt: string; readonly editor: string; readonly body: string }[];
  /** Current label names, in the order applied. */
  readonly labels: string[];
  readonly events: IssueEventRecord[];
  readonly reviews: ReviewRecord[];
  readonly requestedReviewers: { users: string[]; teams: string[] };
}

export interface IssueCommentRecord {
  readonly id: number;
  readonly nodeId: string;
  readonly issueNumber: number;
  readonly user: string;
  body: string;
  readonly createdAt: string;
  updatedAt: string;
}

export interface AnnotationRecord {
  readonly path: string;
  readonly start_line: number;
  readonly end_line: number;
  readonly start_column: number | null;
  readonly end_column: number | null;
  readonly annotation_level: "notice" | "warning" | "failure";
  readonly title: string | null;
  readonly message: string;
  readonly raw_details: string | null;
}

/** One write to a check run, as received (create or update). */
export interface CheckRunWrite {
  readonly method: "POST" | "PATCH";
  readonly at: string;
  readonly body: Readonly<Record<string, unknown>>;
}

export type CheckStatus = "queued" | "in_progress" | "completed" | "waiting" | "requested" | "pending";
export type CheckConclusion =
  | "success"
  | "failure"
  | "neutral"
  | "cancelled"
  | "skipped"
  | "timed_out"
  | "action_required"
  | "stale";

export interface CheckRunRecord {
  readonly id: number;
  readonly nodeId: string;
  readonly repo: string;
  readonly headSha: string;
  name: string;
  status: CheckStatus;
  conclusion: CheckConclusion | null;
  startedAt: string;
  completedAt: string | null;
  externalId: string;
  detailsUrl: string | null;
  output: {
    title: string | null;
    summary: string | null;
    text: string | null;
    annotations: AnnotationRecord[];
  };
  readonly appId: number;
  readonly checkSuiteId: number;
  createdAt: string;
  /** Every create/update received, oldest first. */
  readonly writes: CheckRunWrite[];
}

export interface CheckSuiteRecord {
  readonly id: number;
  readonly nodeId: string;
  readonly repo: string;
  readonly headSha: string;
  readonly headBranch: string | null;
  readonly appId: number;
  readonly createdAt: string;
  updatedAt: string;
}

export type StatusState = "error" | "failure" | "pending" | "success";

export interface StatusRecord {
  readonly id: number;
  readonly nodeId: string;
  readonly sha: string;
  readonly state: StatusState;
  readonly context: string;
  readonly description: string | null;
  readonly targetUrl: string | null;
  readonly creator: string;
  readonly createdAt: string;
}

export type CollaboratorPermission = "admin" | "maintain" | "write" | "triage" | "read";

export interface RepoRecord {
  readonly id: number;
  readonly nodeId: string;
  readonly owner: string;
  readonly name: string;
  readonly fullName: string;
  defaultBranch: string;
  private: boolean;
  /** A repository integ-gate must never read (it stands for every other repository the token reaches). */
  readonly outsider: boolean;
  description: string | null;
  /** `owner/name` of the repository this one was forked from. */
  readonly parent: string | null;
  /** Branch name -> commit sha. */
  readonly refs: Map<string, string>;
  readonly createdAt: string;
  pushedAt: string;
  updatedAt: string;
  /** Lower-case login -> permission. The owner (a user) is always admin. */
  readonly collaborators: Map<string, CollaboratorPermission>;
  /** Lower-case name -> label. */
  readonly labels: Map<string, LabelRecord>;
  nextNumber: number;
  readonly pulls: Map<number, PullRecord>;
  readonly comments: IssueCommentRecord[];
  readonly checkRuns: CheckRunRecord[];
  readonly checkSuites: CheckSuiteRecord[];
  readonly statuses: StatusRecord[];
  /** Base branch -> PR numbers in the merge queue, in queue order. */
  /** Branch -> the queue's entries in order: each PR and its merge group's head commit (null: not built yet). */
  readonly mergeQueues: Map<string, { readonly number: number; readonly groupSha: string | null }[]>;
}

export interface AppRecord {
  readonly id: number;
  readonly nodeId: string;
  readonly slug: string;
  readonly name: string;
  readonly clientId: string;
  readonly owner: string;
  readonly publicKey: string;
  readonly privateKey: string;
  readonly webhookSecret: string;
  permissions: InstallationPermissions;
  events: string[];
  readonly createdAt: string;
}

export interface InstallationRecord {
  readonly id: number;
  readonly appId: number;
  readonly account: string;
  permissions: InstallationPermissions;
  repositorySelection: "all" | "selected";
  /** Lower-case `owner/name` when `repositorySelection` is "selected". */
  readonly repos: Set<string>;
  readonly createdAt: string;
}

export type TokenKind = "installation" | "actions" | "user";

export interface TokenRecord {
  readonly token: string;
  readonly kind: TokenKind;
  /** The app the token acts for (installation and Actions tokens). */
  readonly appId: number | null;
  readonly installationId: number | null;
  /** The account the token acts as (e.g. `my-app[bot]`). */
  readonly login: string;
  readonly permissions: InstallationPermissions;
  /** Lower-case `owner/name` the token may reach; null: every repo of the account (or any, for a user token). */
  readonly repos: Set<string> | null;
  /** Epoch milliseconds (real time). */
  readonly expiresAt: number;
  /** Team member reads without `members` permission answer 403 (GitHub's usual) or 404. */
  readonly teamDenial: 403 | 404;
}
