import type { CommitObject, GitObjectStore } from "./git-objects.js";

/** A changed file of a pull request, as GitHub's `GET /pulls/{n}/files` reports it. */
export interface PullDiffEntry {
  readonly filename: string;
  readonly previousFilename?: string;
  readonly status: "added" | "removed" | "modified" | "renamed";
  /** Blob sha at head (for a removed file, the removed blob). */
  readonly sha: string;
  readonly additions: number;
  readonly deletions: number;
  readonly patch: string | undefined;
}

/** Commits reachable from `head` but not from `base`, oldest first (parents before children). */
export function listPullCommits(git: GitObjectStore, head: string, base: string): CommitObject[] {
  const excluded = git.ancestors(base);
  const order: CommitObject[] = [];
  const seen = new Set<string>();
  // Iterative post-order DFS so that parents come before children.
  const stack: { sha: string; expanded: boolean }[] = [{ sha: head, expanded: false }];
  while (stack.length > 0) {
    const top = stack.pop();
    if (!top) break;
    if (excluded.has(top.sha)) continue;
    const c = git.commit(top.sha);
    if (!c) continue;
    if (top.expanded) {
      order.push(c);
      continue;
    }
    if (seen.has(top.sha)) continue;
    seen.add(top.sha);
    stack.push({ sha: top.sha, expanded: true });
    for (const p of [...c.parents].reverse()) if (!seen.has(p)) stack.push({ sha: p, expanded: false });
  }
  return order;
}

/** The nearest commit reachable from both (breadth-first from `head`). */
export function mergeBase(git: GitObjectStore, base: string, head: string): string | undefined {
  const baseAncestors = git.ancestors(base);
  const queue = [head];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const s = queue.shift();
    if (s === undefined || seen.has(s)) continue;
    seen.add(s);
    if (baseAncestors.has(s)) return s;
    queue.push(...(git.commit(s)?.parents ?? []));
  }
  return undefined;
}

function lines(buf: Buffer | undefined): string[] {
  if (!buf || buf.length === 0) return [];
  const text = buf.toString("utf8");
  const parts = text.split("\n");
  if (parts[parts.length - 1] === "") parts.pop();
  return parts;
}

function isBinary(buf: Buffer | undefined): boolean {
  return buf !== undefined && buf.subarray(0, 8000).includes(0);
}

/** Line additions/deletions by multiset difference (good enough for counts) and a simple unified patch. */
function lineStats(oldBuf: Buffer | undefined, newBuf: Buffer | undefined): { additions: number; deletions: number; patch: string | undefined } {
  if (isBinary(oldBuf) || isBinary(newBuf)) return { additions: 0, deletions: 0, patch: undefined };
  const a = lines(oldBuf);
  const b = lines(newBuf);
  const counts = new Map<string, number>();
  for (const l of a) counts.set(l, (counts.get(l) ?? 0) + 1);
  let additions = 0;
  const added: string[] = [];
  for (const l of b) {
    const n = counts.get(l) ?? 0;
    if (n > 0) counts.set(l, n - 1);
    else {
      additions++;
      added.push(l);
    }
  }
  const removed: string[] = [];
  const left = new Map(counts);
  for (const l of a) {
    const n = left.get(l) ?? 0;
    if (n > 0) {
      left.set(l, n - 1);
      removed.push(l);
    }
  }
  const deletions = removed.length;
  if (additions === 0 && deletions === 0) return { additions, deletions, patch: undefined };
  const patch =
    `@@ -${a.length === 0 ? 0 : 1},${a.length} +${b.length === 0 ? 0 : 1},${b.length} @@\n` +
    [...removed.map((l) => `-${l}`), ...added.map((l) => `+${l}`)].join("\n");
  return { additions, deletions, patch };
}

/**
 * The files changed between the merge base of `base` and `head`, in path
 * order. A deleted and an added path with the same blob (or recorded as a
 * rename by a commit in the range) are one renamed file.
 */
export function computePullDiff(git: GitObjectStore, base: string, head: string): PullDiffEntry[] {
  const mb = mergeBase(git, base, head);
  const from = mb ? git.commit(mb)?.files : undefined;
  const to = git.commit(head)?.files;
  if (!to) return [];
  const oldFiles = from ?? new Map<string, string>();
  const added: string[] = [];
  const removed: string[] = [];
  const entries: PullDiffEntry[] = [];
  const content = (sha: string | undefined): Buffer | undefined => (sha ? git.blob(sha)?.content : undefined);
  for (const [path, sha] of to) {
    const old = oldFiles.get(path);
    if (old === undefined) added.push(path);
    else if (old !== sha) {
      const st = lineStats(content(old), content(sha));
      entries.push({ filename: path, status: "modified", sha, ...st });
    }
  }
  for (const path of oldFiles.keys()) if (!to.has(path)) removed.push(path);
  // Renames recorded by commits in the range.
  const hinted = new Map<string, string>();
  if (mb) {
    for (const c of listPullCommits(git, head, mb)) for (const [n, o] of c.renames) hinted.set(n, hinted.get(o) ?? o);
  }
  const removedSet = new Set(removed);
  const bySha = new Map<string, string[]>();
  for (const p of removed) {
    const sha = oldFiles.get(p);
    if (sha) bySha.set(sha, [...(bySha.get(sha) ?? []), p]);
  }
  for (const path of added) {
    const sha = to.get(path) ?? "";
    let previous = hinted.get(path);
    if (previous === undefined || !removedSet.has(previous)) previous = bySha.get(sha)?.find((p) => removedSet.has(p));
    if (previous !== undefined && removedSet.has(previous)) {
      removedSet.delete(previous);
      const st = lineStats(content(oldFiles.get(previous)), content(sha));
      entries.push({ filename: path, previousFilename: previous, status: "renamed", sha, ...st });
    } else {
      entries.push({ filename: path, status: "added", sha, ...lineStats(undefined, content(sha)) });
    }
  }
  for (const path of removedSet) {
    const sha = oldFiles.get(path) ?? "";
    entries.push({ filename: path, status: "removed", sha, ...lineStats(content(sha), undefined) });
  }
  entries.sort((x, y) => (x.filename < y.filename ? -1 : x.filename > y.filename ? 1 : 0));
  return entries;
}
