import type { ChangedFile, CommitFacts, GitIdentity, LabelEvent, ReviewFacts, ReviewState } from "../core/facts/pull-request-facts.js";
import { nodesOf, type RawCommitNode, type RawGitActor, type RawReview, type RawTimelineItem } from "./pull-request-query.js";

/**
 * GraphQL's pull-request nodes as facts: one mapping for the gate's loader
 * and the digest's reader, so both judge the same facts the same way.
 */
const CHANGE_TYPES: Readonly<Record<string, ChangedFile["status"]>> = {
  ADDED: "added",
  DELETED: "removed",
  MODIFIED: "modified",
  RENAMED: "renamed",
  COPIED: "copied",
  CHANGED: "changed",
};

const REVIEW_STATES: ReadonlySet<string> = new Set(["APPROVED", "CHANGES_REQUESTED", "DISMISSED", "COMMENTED", "PENDING"]);

/** A changed file from GraphQL (`path`, `changeType`); the previous path of a rename comes from REST only. */
export function toChangedFile(file: { readonly path: string; readonly changeType: string }): ChangedFile {
  return { path: file.path, status: CHANGE_TYPES[file.changeType] ?? "modified" };
}

export function toIdentity(actor: RawGitActor | null): GitIdentity {
  return { login: actor?.user?.login ?? null, name: actor?.name ?? null, email: actor?.email ?? null };
}

export function toCommit(node: RawCommitNode): CommitFacts {
  const c = node.commit;
  const authors = nodesOf(c.authors).map(toIdentity);
  return {
    sha: c.oid,
    message: c.message,
    authors: authors.length > 0 ? authors : [toIdentity(null)],
    committer: toIdentity(c.committer),
    parentShas: nodesOf(c.parents).map((p) => p.oid),
  };
}

/** A submitted review; null for one still pending or of a state GitHub may add later. */
export function toReview(raw: RawReview): ReviewFacts | null {
  if (raw.submittedAt === null || !REVIEW_STATES.has(raw.state)) return null;
  return {
    id: raw.id,
    author: raw.author?.login ?? null,
    state: raw.state as ReviewState,
    commitSha: raw.commit?.oid ?? null,
    submittedAt: raw.submittedAt,
  };
}

/** A `labeled` / `unlabeled` event; null for any other timeline item. */
export function toLabelEvent(item: RawTimelineItem): LabelEvent | null {
  if ((item.__typename !== "LabeledEvent" && item.__typename !== "UnlabeledEvent") || item.label === undefined) return null;
  return {
    kind: item.__typename === "LabeledEvent" ? "labeled" : "unlabeled",
    label: item.label.name,
    actor: item.actor?.login ?? null,
    at: item.createdAt ?? "",
  };
}
