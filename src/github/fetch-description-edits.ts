import type { DescriptionEdit } from "../core/facts/pull-request-facts.js";
import type { GitHubPort } from "./github-port.js";
import { nodesOf, type RawConnection } from "./pull-request-query.js";
import { runGraphql } from "./run-graphql.js";

/** At most this many versions of a description are read (ten pages); a longer history cannot show what a reviewer saw. */
export const MAX_DESCRIPTION_EDITS = 1_000;

/** The description's edit history (`UserContentEdit.diff` holds the whole text of that version). */
export const DESCRIPTION_EDITS_QUERY = `query IntegGateDescriptionEdits($owner: String!, $repo: String!, $number: Int!, $after: String) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      userContentEdits(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { editedAt diff deletedAt } }
    }
  }
}`;

interface RawEdit {
  readonly editedAt: string;
  readonly diff: string | null;
  readonly deletedAt: string | null;
}

/**
 * Every version of a PR description, oldest first, so the owner-approval
 * rule can tell which note a reviewer saw (docs/checks.md, "Who counts as an
 * approver"). null when the history cannot be read whole (a failed page,
 * more than MAX_DESCRIPTION_EDITS versions, a version deleted from the
 * history): then it cannot show that, and such approvals are stale.
 */
export async function fetchDescriptionEdits(
  port: GitHubPort,
  target: { readonly owner: string; readonly repo: string; readonly number: number },
): Promise<DescriptionEdit[] | null> {
  const edits: DescriptionEdit[] = [];
  let after: string | null = null;
  try {
    for (;;) {
      const result = await runGraphql(port, DESCRIPTION_EDITS_QUERY, { ...target, after });
      if (result.errors.length > 0) return null;
      const connection = (result.data?.["repository"] as { pullRequest: { userContentEdits: RawConnection<RawEdit> | null } | null } | null)?.pullRequest
        ?.userContentEdits;
      if (connection === null || connection === undefined) return null;
      for (const edit of nodesOf(connection)) {
        if (edit.deletedAt !== null || edit.diff === null) return null;
        edits.push({ editedAt: edit.editedAt, body: edit.diff });
      }
      if (connection.pageInfo?.hasNextPage !== true) break;
      if (edits.length >= MAX_DESCRIPTION_EDITS || connection.pageInfo.endCursor === null || connection.pageInfo.endCursor === undefined) return null;
      after = connection.pageInfo.endCursor;
    }
  } catch {
    return null;
  }
  return edits.sort((a, b) => Date.parse(a.editedAt) - Date.parse(b.editedAt));
}
