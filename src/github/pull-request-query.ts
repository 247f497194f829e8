import { CHECK_OWNER_APPROVAL, CHECK_RELEASE_NOTE } from "../core/rules/gate-verdict.js";

/**
 * The GraphQL documents integ-gate sends, and the shapes of their answers.
 * Every document is validated against GitHub's published schema in the tests.
 */

/**
 * Our check runs on a commit (the App only): the newest per name carries the
 * verdict, and `LATEST` asks GitHub for exactly those. GitHub prices a query
 * by the connections it may have to fill (annotations are one per run asked
 * for), so the page sizes here are small: one check suite per app and
 * commit is the rule, three names are ours.
 */
export const CHECK_RUNS_FRAGMENT = `
fragment IntegGateCheckRuns on Commit {
  oid
  checkSuites(first: 3, filterBy: { appId: $appId }) {
    nodes {
      checkRuns(first: 5, filterBy: { checkType: LATEST }) {
        nodes {
          databaseId
          name
          status
          conclusion
          title
          summary
          externalId
          annotations(first: 100) {
            totalCount
            nodes {
              path
              annotationLevel
              message
              title
              location { start { line column } end { line column } }
            }
          }
        }
      }
    }
  }
}`;

const COMMIT_FRAGMENT = `
fragment IntegGateCommit on PullRequestCommit {
  commit {
    oid
    message
    authors(first: 100) { totalCount nodes { name email user { login } } }
    committer { name email user { login } }
    parents(first: 5) { nodes { oid } }
  }
}`;

const REVIEW_FRAGMENT = `
fragment IntegGateReview on PullRequestReview {
  id
  author { login }
  state
  commit { oid }
  submittedAt
}`;

const TIMELINE_FRAGMENT = `
fragment IntegGateTimeline on PullRequestTimelineItems {
  __typename
  ... on LabeledEvent { actor { login } createdAt label { name } }
  ... on UnlabeledEvent { actor { login } createdAt label { name } }
  ... on ReviewRequestedEvent {
    createdAt
    requestedReviewer {
      __typename
      ... on User { login }
      ... on Team { slug organization { login } }
    }
  }
}`;

const PAGE_INFO = "pageInfo { hasNextPage endCursor }";

/**
 * Commits in GraphQL #1. Each commit asks for two small connections (its
 * authors and parents), which GitHub prices per commit: 50 keeps #1 at one
 * rate-limit point, 100 would make it two. Most PRs have far fewer; longer
 * ones page on 100 at a time, which needs no more pages up to 250 commits.
 */
export const FIRST_COMMITS = 50;

/** A root field reading a team's members (child teams included); `$<alias>Org` and `$<alias>Slug` are its variables. */
export function teamField(alias: string): string {
  return `${alias}: organization(login: $${alias}Org) { team(slug: $${alias}Slug) { members(first: 100, membership: ALL) { totalCount ${PAGE_INFO} nodes { login } } } }`;
}

/** Variables and declarations of `teamField`s for a list of teams, aliased t0, t1, ... */
export function teamVariables(teams: readonly { readonly org: string; readonly slug: string }[]): {
  readonly declarations: string[];
  readonly fields: string[];
  readonly variables: Record<string, string>;
} {
  const declarations: string[] = [];
  const fields: string[] = [];
  const variables: Record<string, string> = {};
  teams.forEach((team, i) => {
    const alias = `t${i}`;
    declarations.push(`$${alias}Org: String!`, `$${alias}Slug: String!`);
    fields.push(teamField(alias));
    variables[`${alias}Org`] = team.org;
    variables[`${alias}Slug`] = team.slug;
  });
  return { declarations, fields, variables };
}

/**
 * The newest commit status of each of our contexts (the Action only): with
 * it the Action writes only the statuses that change, without a GET.
 */
const STATUSES_FIELD = `status {
              releaseNote: context(name: ${JSON.stringify(CHECK_RELEASE_NOTE)}) { state description }
              ownerApproval: context(name: ${JSON.stringify(CHECK_OWNER_APPROVAL)}) { state description }
            }`;

/** The default branch's `.integ.yml` (HEAD is the default branch). */
export const CONFIG_FIELDS = `
    url
    defaultBranchRef { name }
    config: object(expression: "HEAD:.integ.yml") {
      __typename
      ... on Blob { oid byteSize isBinary isTruncated text }
    }`;

/**
 * GraphQL #1: everything about the PR that does not depend on the config,
 * plus the config itself, (App) our check runs on the head commit, and
 * `teamCount` teams (aliases t0…; the teams of the config seen last time,
 * so that a repeat evaluation needs no second query), and `notePathCount`
 * files at the head commit (aliases h0…, variables $h0…: the note paths the
 * description linked last time, so that a push needs no second query).
 */
export function buildPullRequestQuery(withCheckRuns: boolean, teamCount = 0, notePathCount = 0): string {
  const teams = teamVariables(Array.from({ length: teamCount }, () => ({ org: "", slug: "" })));
  const notes = Array.from({ length: notePathCount }, (_, i) => `h${i}`);
  const appIdVariable =
    (withCheckRuns ? ", $appId: Int" : "") +
    teams.declarations.map((d) => `, ${d}`).join("") +
    notes.map((alias) => `, $${alias}: String!`).join("");
  const noteFields = notes
    .map((alias) => `\n            ${alias}: file(path: $${alias}) { object { __typename ... on Blob { oid byteSize isBinary isTruncated text } } }`)
    .join("");
  const runs = withCheckRuns ? "...IntegGateCheckRuns" : `oid
            ${STATUSES_FIELD}`;
  return `query IntegGatePullRequest($owner: String!, $repo: String!, $number: Int!${appIdVariable}) {
  repository(owner: $owner, name: $repo) {${CONFIG_FIELDS}
    pullRequest(number: $number) {
      number
      title
      body
      lastEditedAt
      state
      isDraft
      author { login }
      headRefOid
      headRefName
      baseRefName
      headRepository { nameWithOwner }
      changedFiles
      files(first: 100) { totalCount ${PAGE_INFO} nodes { path changeType } }
      commits(first: ${FIRST_COMMITS}) { totalCount ${PAGE_INFO} nodes { ...IntegGateCommit } }
      reviews(first: 100) { totalCount ${PAGE_INFO} nodes { ...IntegGateReview } }
      labels(first: 100) { totalCount ${PAGE_INFO} nodes { name } }
      reviewRequests(first: 100) {
        nodes { requestedReviewer { __typename ... on User { login } ... on Team { slug organization { login } } } }
      }
      timelineItems(first: 100, itemTypes: [LABELED_EVENT, UNLABELED_EVENT, REVIEW_REQUESTED_EVENT]) {
        ${PAGE_INFO}
        nodes { ...IntegGateTimeline }
      }
      headCommit: commits(last: 1) {
        nodes {
          commit {
            ${runs}${noteFields}
            associatedPullRequests(first: 100) { totalCount ${PAGE_INFO} nodes { number state headRefOid } }
          }
        }
      }
    }
  }
  ${teams.fields.join("\n  ")}
}
${COMMIT_FRAGMENT}
${REVIEW_FRAGMENT}
${TIMELINE_FRAGMENT}
${withCheckRuns ? CHECK_RUNS_FRAGMENT : ""}`;
}

/** Further pages of the PR's connections, only those still marked `hasNextPage`. */
export const PULL_REQUEST_PAGES_QUERY = `query IntegGatePullRequestPages(
  $owner: String!, $repo: String!, $number: Int!,
  $commitsAfter: String, $reviewsAfter: String, $labelsAfter: String, $timelineAfter: String,
  $withCommits: Boolean!, $withReviews: Boolean!, $withLabels: Boolean!, $withTimeline: Boolean!
) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      commits(first: 100, after: $commitsAfter) @include(if: $withCommits) { ${PAGE_INFO} nodes { ...IntegGateCommit } }
      reviews(first: 100, after: $reviewsAfter) @include(if: $withReviews) { ${PAGE_INFO} nodes { ...IntegGateReview } }
      labels(first: 100, after: $labelsAfter) @include(if: $withLabels) { ${PAGE_INFO} nodes { name } }
      timelineItems(first: 100, after: $timelineAfter, itemTypes: [LABELED_EVENT, UNLABELED_EVENT, REVIEW_REQUESTED_EVENT]) @include(if: $withTimeline) {
        ${PAGE_INFO}
        nodes { ...IntegGateTimeline }
      }
    }
  }
}
${COMMIT_FRAGMENT}
${REVIEW_FRAGMENT}
${TIMELINE_FRAGMENT}`;

/** The default branch's `.integ.yml` alone (push events, the Action). */
export const CONFIG_QUERY = `query IntegGateConfig($owner: String!, $repo: String!) {
  repository(owner: $owner, name: $repo) {${CONFIG_FIELDS}
  }
}`;

/** One question of GraphQL #2. */
export type FollowUpAsk =
  /** A file's blob (text) at a commit: note candidates and the proposed `.integ.yml` at head. */
  | { readonly kind: "blob"; readonly alias: string; readonly expression: string }
  /** A blob's oid only: note paths at reviewed commits. */
  | { readonly kind: "oid"; readonly alias: string; readonly expression: string }
  /** Does this commit still exist? */
  | { readonly kind: "commit"; readonly alias: string; readonly oid: string }
  /** Members of a team, child teams included. */
  | { readonly kind: "team"; readonly alias: string; readonly org: string; readonly slug: string }
  /** Our check runs on a commit, re-read just before writing. */
  | { readonly kind: "runs"; readonly alias: string; readonly oid: string };

/**
 * GraphQL #2: note blobs at head, note blob oids at reviewed commits, team
 * members, and (App) our check runs again. All values travel as variables.
 */
export function buildFollowUpQuery(asks: readonly FollowUpAsk[]): { readonly query: string; readonly variables: Record<string, unknown> } {
  const variables: Record<string, unknown> = {};
  const declarations: string[] = ["$owner: String!", "$repo: String!"];
  const repoFields: string[] = [];
  const rootFields: string[] = [];
  let withRuns = false;
  for (const ask of asks) {
    const v = ask.alias;
    switch (ask.kind) {
      case "blob":
        declarations.push(`$${v}: String!`);
        variables[v] = ask.expression;
        repoFields.push(`${v}: object(expression: $${v}) { __typename ... on Blob { oid byteSize isBinary isTruncated text } }`);
        break;
      case "oid":
        declarations.push(`$${v}: String!`);
        variables[v] = ask.expression;
        repoFields.push(`${v}: object(expression: $${v}) { oid }`);
        break;
      case "commit":
        declarations.push(`$${v}: GitObjectID!`);
        variables[v] = ask.oid;
        repoFields.push(`${v}: object(oid: $${v}) { oid }`);
        break;
      case "runs":
        withRuns = true;
        declarations.push(`$${v}: GitObjectID!`);
        variables[v] = ask.oid;
        repoFields.push(`${v}: object(oid: $${v}) { ...IntegGateCheckRuns }`);
        break;
      case "team":
        declarations.push(`$${v}Org: String!`, `$${v}Slug: String!`);
        variables[`${v}Org`] = ask.org;
        variables[`${v}Slug`] = ask.slug;
        rootFields.push(teamField(v));
        break;
    }
  }
  if (withRuns) declarations.push("$appId: Int");
  const query = `query IntegGateFollowUp(${declarations.join(", ")}) {
  repository(owner: $owner, name: $repo) {
    ${repoFields.length > 0 ? repoFields.join("\n    ") : "id"}
  }
  ${rootFields.join("\n  ")}
}
${withRuns ? CHECK_RUNS_FRAGMENT : ""}`;
  return { query, variables };
}

// ---- answer shapes (what the documents above ask for) ----

export interface RawPageInfo {
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

export interface RawConnection<T> {
  readonly totalCount?: number;
  readonly pageInfo?: RawPageInfo;
  readonly nodes?: readonly (T | null)[] | null;
}

export interface RawLogin {
  readonly login?: string;
}

export interface RawGitActor {
  readonly name: string | null;
  readonly email: string | null;
  readonly user: { readonly login: string } | null;
}

export interface RawCommitNode {
  readonly commit: {
    readonly oid: string;
    readonly message: string;
    readonly authors: RawConnection<RawGitActor>;
    readonly committer: RawGitActor | null;
    readonly parents: RawConnection<{ readonly oid: string }>;
  };
}

export interface RawReview {
  readonly id: string;
  readonly author: RawLogin | null;
  readonly state: string;
  readonly commit: { readonly oid: string } | null;
  readonly submittedAt: string | null;
}

export interface RawTimelineItem {
  readonly __typename: string;
  readonly actor?: RawLogin | null;
  readonly createdAt?: string;
  readonly label?: { readonly name: string };
  readonly requestedReviewer?: {
    readonly __typename: string;
    readonly login?: string;
    readonly slug?: string;
    readonly organization?: { readonly login: string };
  } | null;
}

export interface RawBlob {
  readonly __typename?: string;
  readonly oid?: string;
  readonly byteSize?: number;
  readonly isBinary?: boolean | null;
  readonly isTruncated?: boolean;
  readonly text?: string | null;
}

export interface RawCheckRun {
  readonly databaseId: number | null;
  readonly name: string;
  readonly status: string;
  readonly conclusion: string | null;
  readonly title: string | null;
  readonly summary: string | null;
  readonly externalId: string | null;
  readonly annotations: RawConnection<{
    readonly path: string;
    readonly annotationLevel: string | null;
    readonly message: string;
    readonly title: string | null;
    readonly location: {
      readonly start: { readonly line: number; readonly column: number | null };
      readonly end: { readonly line: number; readonly column: number | null };
    };
  }> | null;
}

/** A commit status context as GraphQL gives it (state in upper case). */
export interface RawStatusContext {
  readonly state: string;
  readonly description: string | null;
}

export interface RawRunsCommit {
  readonly oid?: string;
  /** The Action's read of our status contexts (null: the commit has no status at all). */
  readonly status?: { readonly releaseNote: RawStatusContext | null; readonly ownerApproval: RawStatusContext | null } | null;
  readonly checkSuites?: RawConnection<{ readonly checkRuns: RawConnection<RawCheckRun> | null }> | null;
}

export interface RawRepositoryConfig {
  readonly url: string;
  readonly defaultBranchRef: { readonly name: string } | null;
  readonly config: RawBlob | null;
}

export interface RawPullRequest {
  readonly number: number;
  readonly title: string;
  readonly body: string;
  readonly lastEditedAt: string | null;
  readonly state: "OPEN" | "CLOSED" | "MERGED";
  readonly isDraft: boolean;
  readonly author: RawLogin | null;
  readonly headRefOid: string;
  readonly headRefName: string;
  readonly baseRefName: string;
  readonly headRepository: { readonly nameWithOwner: string } | null;
  readonly changedFiles: number;
  readonly files: RawConnection<{ readonly path: string; readonly changeType: string }> | null;
  readonly commits: RawConnection<RawCommitNode>;
  readonly reviews: RawConnection<RawReview> | null;
  readonly labels: RawConnection<{ readonly name: string }> | null;
  readonly reviewRequests?: RawConnection<{ readonly requestedReviewer: RawTimelineItem["requestedReviewer"] }> | null;
  readonly timelineItems: RawConnection<RawTimelineItem>;
  readonly headCommit: RawConnection<{
    readonly commit: RawRunsCommit & {
      readonly associatedPullRequests?: RawConnection<{ readonly number: number; readonly state: string; readonly headRefOid: string }> | null;
    };
  }>;
}

/** The nodes of a connection without nulls. */
export function nodesOf<T>(connection: RawConnection<T> | null | undefined): T[] {
  return (connection?.nodes ?? []).filter((n): n is T => n !== null && n !== undefined);
}

/**
 * One page of a branch's merge queue, and (App, first page) our runs on the
 * merge group's head commit.
 */
export const MERGE_QUEUE_QUERY = `query IntegGateMergeQueue($owner: String!, $repo: String!, $branch: String!, $after: String, $sha: GitObjectID!, $appId: Int, $withRuns: Boolean!) {
  repository(owner: $owner, name: $repo) {
    mergeQueue(branch: $branch) {
      entries(first: 100, after: $after) { totalCount ${PAGE_INFO} nodes { position state pullRequest { number } headCommit { oid } } }
    }
    head: object(oid: $sha) @include(if: $withRuns) { ...IntegGateCheckRuns }
  }
}
${CHECK_RUNS_FRAGMENT}`;

export interface RawMergeQueueEntry {
  readonly position: number;
  readonly state: string;
  readonly pullRequest: { readonly number: number } | null;
  readonly headCommit: { readonly oid: string } | null;
}
