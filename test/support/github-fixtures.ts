import { createHash } from "node:crypto";

/** GraphQL answers shaped like GitHub's, for the loader's unit tests. */

export const HEAD = "a".repeat(40);
export const BASE_PARENT = "b".repeat(40);

export const TYPICAL_CONFIG = `version: 1
owners: ["@acme/integration-owners"]
systems:
  erp:
    paths: ["integrations/erp/**"]
`;

export interface PullRequestAnswerOptions {
  readonly config?: string | null;
  readonly body?: string;
  readonly files?: readonly { path: string; changeType: string }[];
  readonly totalFiles?: number;
  readonly commits?: readonly unknown[];
  readonly reviews?: readonly unknown[];
  readonly runs?: readonly unknown[];
  readonly state?: "OPEN" | "CLOSED" | "MERGED";
  readonly shared?: readonly { number: number; state: string; headRefOid: string }[];
  readonly commitsHasNextPage?: boolean;
  /** The head commit (default HEAD). */
  readonly head?: string;
  /** Extra fields of the head commit (the hinted note files h0…). */
  readonly headFields?: Record<string, unknown>;
}

const page = (hasNextPage = false) => ({ hasNextPage, endCursor: hasNextPage ? "cursor1" : null });

export function commitNode(sha: string, login: string, parents: readonly string[] = [BASE_PARENT], message = "Change"): unknown {
  const actor = { name: login, email: `${login}@acme.example`, user: { login } };
  return {
    commit: {
      oid: sha,
      message,
      authors: { nodes: [actor] },
      committer: actor,
      parents: { nodes: parents.map((oid) => ({ oid })) },
    },
  };
}

export function checkRunNode(run: {
  id: number;
  name: string;
  status?: string;
  conclusion?: string | null;
  title?: string;
  summary?: string;
  externalId?: string | null;
  annotations?: readonly unknown[];
}): unknown {
  return {
    databaseId: run.id,
    name: run.name,
    status: run.status ?? "COMPLETED",
    conclusion: run.conclusion === undefined ? "SUCCESS" : run.conclusion,
    title: run.title ?? "",
    summary: run.summary ?? "",
    externalId: run.externalId ?? null,
    annotations: { totalCount: run.annotations?.length ?? 0, nodes: run.annotations ?? [] },
  };
}

/** GraphQL #1's answer for PR #7 in acme/integrations. */
export function pullRequestAnswer(options: PullRequestAnswerOptions = {}): unknown {
  const files = options.files ?? [{ path: "integrations/erp/export.ts", changeType: "MODIFIED" }];
  const commits = options.commits ?? [commitNode(HEAD, "dev-alice")];
  const reviews = options.reviews ?? [];
  const config = options.config === undefined ? TYPICAL_CONFIG : options.config;
  return {
    repository: {
      url: "https://github.com/acme/integrations",
      defaultBranchRef: { name: "main" },
      config: config === null ? null : { __typename: "Blob", oid: createHash("sha1").update(config).digest("hex"), byteSize: config.length, isBinary: false, isTruncated: false, text: config },
      pullRequest: {
        number: 7,
        title: "Send product ids",
        body: options.body ?? "Note: [release note](docs/release-notes/product-id.md)",
        lastEditedAt: null,
        state: options.state ?? "OPEN",
        isDraft: false,
        author: { login: "dev-alice" },
        headRefOid: options.head ?? HEAD,
        headRefName: "feature/product-id",
        baseRefName: "main",
        headRepository: { nameWithOwner: "acme/integrations" },
        changedFiles: options.totalFiles ?? files.length,
        files: { totalCount: options.totalFiles ?? files.length, pageInfo: page(), nodes: files },
        commits: { totalCount: commits.length, pageInfo: page(options.commitsHasNextPage), nodes: commits },
        reviews: { totalCount: reviews.length, pageInfo: page(), nodes: reviews },
        labels: { pageInfo: page(), nodes: [{ name: "integration" }] },
        timelineItems: {
          pageInfo: page(),
          nodes: [{ __typename: "LabeledEvent", actor: { login: "dev-alice" }, createdAt: "2026-01-01T00:00:00Z", label: { name: "integration" } }],
        },
        headCommit: {
          nodes: [
            {
              commit: {
                oid: options.head ?? HEAD,
                checkSuites: { nodes: [{ checkRuns: { nodes: options.runs ?? [] } }] },
                associatedPullRequests: { nodes: [{ number: 7, state: "OPEN", headRefOid: options.head ?? HEAD }, ...(options.shared ?? [])] },
                ...options.headFields,
              },
            },
          ],
        },
      },
    },
  };
}

export const NOTE_TEXT = `# Product ids

## What changes for you

Finance and warehouse staff see product ids instead of stock codes on every order screen from Monday.
The old codes stay visible for one month so that people can compare them.

## What you need to do

Nothing changes in how you place orders. Please check the new ids in your next report.

## Who to ask

Ask Maria in operations if something looks wrong.
`;

/** GraphQL #2's answer: the note at head, the team, and (optionally) runs re-read. */
export function followUpAnswer(variables: Record<string, unknown>, options: { members?: readonly string[]; runs?: readonly unknown[]; teamError?: boolean; note?: string | null } = {}): { data: unknown; errors?: unknown[] } {
  const repository: Record<string, unknown> = {};
  const root: Record<string, unknown> = { repository };
  for (const [key, value] of Object.entries(variables)) {
    if (/^n\d+$/.test(key) || key === "cfg") {
      const text = key === "cfg" ? TYPICAL_CONFIG : (options.note === undefined ? NOTE_TEXT : options.note);
      repository[key] = text === null ? null : { __typename: "Blob", oid: "d".repeat(40), byteSize: text.length, isBinary: false, isTruncated: false, text };
    } else if (/^c\d+$/.test(key)) {
      repository[key] = { oid: String(value) };
    } else if (/^c\d+p\d+$/.test(key)) {
      repository[key] = { oid: "d".repeat(40) };
    } else if (/^t\d+Org$/.test(key)) {
      const alias = key.replace(/Org$/, "");
      root[alias] = options.teamError
        ? { team: null }
        : { team: { members: { totalCount: (options.members ?? ["maria-ops"]).length, pageInfo: page(), nodes: (options.members ?? ["maria-ops"]).map((login) => ({ login })) } } };
    } else if (key === "runs") {
      repository["runs"] = { oid: String(value), checkSuites: { nodes: [{ checkRuns: { nodes: options.runs ?? [] } }] } };
    }
  }
  if (options.teamError) {
    return { data: root, errors: [{ type: "FORBIDDEN", message: "Resource not accessible by integration", path: ["t0", "team"] }] };
  }
  return { data: root };
}
