import type { RawBlob, RawCommitNode, RawConnection, RawLogin, RawReview, RawTimelineItem } from "./pull-request-query.js";

/**
 * The GraphQL documents the digest sends (docs/digest.md "Cost"): one
 * search page of merged pull requests with everything a PR needs, then
 * batched reads of blobs (notes and configs at merge commits), teams and
 * further pages.
 */

const PAGE_INFO = "pageInfo { hasNextPage endCursor }";

/** Search page size: 50 pull requests with their lists keep one page well under GitHub's node limit. */
export const SEARCH_PAGE_SIZE = 50;

/** GitHub's search finds at most 1,000 results of one query. */
export const SEARCH_RESULT_LIMIT = 1_000;

export const DIGEST_COMMIT_FIELDS = `commit {
    oid
    message
    authors(first: 10) { nodes { name email user { login } } }
    committer { name email user { login } }
    parents(first: 5) { nodes { oid } }
  }`;

export const DIGEST_REVIEW_FIELDS = "id author { login } state commit { oid } submittedAt";

export const DIGEST_TIMELINE_FIELDS = `__typename
  ... on LabeledEvent { actor { login } createdAt label { name } }
  ... on UnlabeledEvent { actor { login } createdAt label { name } }`;

/** The connections of a merged PR that may need more pages, with their selections. */
export const PAGED_CONNECTIONS = {
  files: { args: "", fields: "path changeType" },
  commits: { args: "", fields: DIGEST_COMMIT_FIELDS },
  reviews: { args: "", fields: DIGEST_REVIEW_FIELDS },
  labels: { args: "", fields: "name" },
  timelineItems: { args: ", itemTypes: [LABELED_EVENT, UNLABELED_EVENT]", fields: DIGEST_TIMELINE_FIELDS },
} as const;

export type PagedConnection = keyof typeof PAGED_CONNECTIONS;

const connections = (Object.keys(PAGED_CONNECTIONS) as PagedConnection[])
  .map((name) => `${name}(first: 100${PAGED_CONNECTIONS[name].args}) { totalCount ${PAGE_INFO} nodes { ${PAGED_CONNECTIONS[name].fields} } }`)
  .join("\n        ");

/** Search page: the default branch (its `.integ.yml` blob), optionally the token's account, and up to 50 merged PRs. */
export function buildDigestSearchQuery(withViewer: boolean): string {
  return `query IntegGateDigestSearch($owner: String!, $repo: String!, $q: String!, $first: Int!, $after: String) {
  ${withViewer ? "viewer { login }" : ""}
  repository(owner: $owner, name: $repo) {
    url
    defaultBranchRef { name target { ... on Commit { oid file(path: ".integ.yml") { oid object { __typename ... on Blob { oid byteSize isBinary isTruncated text } } } } } }
  }
  search(query: $q, type: ISSUE, first: $first, after: $after) {
    issueCount
    ${PAGE_INFO}
    nodes {
      __typename
      ... on PullRequest {
        id
        number
        title
        url
        body
        lastEditedAt
        mergedAt
        author { login }
        headRefName
        headRepository { nameWithOwner }
        baseRefName
        changedFiles
        mergeCommit { oid file(path: ".integ.yml") { oid } }
        repository { nameWithOwner }
        ${connections}
      }
    }
  }
}`;
}

/** Further pages of some PRs' connections, by node id: `p0: node(id: $p0) { ... on PullRequest { files(first: 100, after: $p0files) … } }`. */
export function buildDigestPagesQuery(asks: readonly { readonly alias: string; readonly id: string; readonly cursors: Partial<Record<PagedConnection, string>> }[]): {
  readonly query: string;
  readonly variables: Record<string, string>;
} {
  const declarations: string[] = [];
  const fields: string[] = [];
  const variables: Record<string, string> = {};
  for (const ask of asks) {
    declarations.push(`$${ask.alias}: ID!`);
    variables[ask.alias] = ask.id;
    const parts: string[] = [];
    for (const [name, cursor] of Object.entries(ask.cursors) as [PagedConnection, string][]) {
      const v = `${ask.alias}_${name}`;
      declarations.push(`$${v}: String!`);
      variables[v] = cursor;
      parts.push(`${name}(first: 100, after: $${v}${PAGED_CONNECTIONS[name].args}) { ${PAGE_INFO} nodes { ${PAGED_CONNECTIONS[name].fields} } }`);
    }
    fields.push(`${ask.alias}: node(id: $${ask.alias}) { ... on PullRequest { ${parts.join("\n      ")} } }`);
  }
  return { query: `query IntegGateDigestPages(${declarations.join(", ")}) {\n  ${fields.join("\n  ")}\n}`, variables };
}

/** One search result. */
export interface RawMergedPullRequest {
  readonly __typename: string;
  readonly id: string;
  readonly number: number;
  readonly title: string;
  readonly url: string;
  readonly body: string;
  readonly lastEditedAt: string | null;
  readonly mergedAt: string | null;
  readonly author: RawLogin | null;
  readonly headRefName: string;
  readonly headRepository: { readonly nameWithOwner: string } | null;
  readonly baseRefName: string;
  readonly changedFiles: number;
  readonly mergeCommit: { readonly oid: string; readonly file: { readonly oid: string } | null } | null;
  readonly repository: { readonly nameWithOwner: string };
  readonly files: RawConnection<{ readonly path: string; readonly changeType: string }> | null;
  readonly commits: RawConnection<RawCommitNode> | null;
  readonly reviews: RawConnection<RawReview> | null;
  readonly labels: RawConnection<{ readonly name: string }> | null;
  readonly timelineItems: RawConnection<RawTimelineItem> | null;
}

/** The search page's repository part. */
export interface RawDigestRepository {
  readonly url: string;
  readonly defaultBranchRef: {
    readonly name: string;
    readonly target: { readonly oid?: string; readonly file?: { readonly oid: string; readonly object: RawBlob | null } | null } | null;
  } | null;
}
