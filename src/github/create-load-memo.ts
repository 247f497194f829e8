import type { NoteFile } from "../core/facts/pull-request-facts.js";

/** A Map that forgets its oldest entries beyond `limit`. */
function remember<K, V>(map: Map<K, V>, key: K, value: V, limit: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > limit) {
    const oldest = map.keys().next();
    if (oldest.done === true) break;
    map.delete(oldest.value);
  }
}

/**
 * What the loader may remember between evaluations (one per process, or per
 * installation): only reads that can never change, and a hint.
 *
 * - files at a commit (`owner/repo@sha:path`), blob oids at a commit, and the
 *   files a commit touched: a commit's content never changes;
 * - the teams of the last `.integ.yml` seen per repository, by its blob oid:
 *   a hint that lets GraphQL #1 carry the team members. The members are
 *   still read live on every evaluation; the hint is used only when the
 *   config read in the same query has that oid;
 * - the note paths a pull request's description linked last time: a hint
 *   that lets GraphQL #1 read those files at the (new) head commit. They are
 *   used only when the description read now still links them.
 */
export interface LoadMemo {
  fileAt(key: string): NoteFile | undefined;
  rememberFile(key: string, file: NoteFile): void;
  oidAt(key: string): string | null | undefined;
  rememberOid(key: string, oid: string | null): void;
  /** Files of a commit, by `owner/repo@sha`; a stored undefined means "too many to list". */
  readonly commitFiles: Map<string, readonly string[] | undefined>;
  configTeams(repository: string): { readonly configOid: string; readonly teams: readonly { readonly org: string; readonly slug: string }[] } | undefined;
  rememberConfigTeams(repository: string, configOid: string, teams: readonly { readonly org: string; readonly slug: string }[]): void;
  /** Note paths linked last time, by `owner/repo#number`. */
  notePaths(pullRequest: string): readonly string[] | undefined;
  rememberNotePaths(pullRequest: string, paths: readonly string[]): void;
}

/** A bounded in-memory LoadMemo. */
export function createLoadMemo(limit = 5_000): LoadMemo {
  const files = new Map<string, NoteFile>();
  const oids = new Map<string, string | null>();
  const configs = new Map<string, { configOid: string; teams: readonly { org: string; slug: string }[] }>();
  const notes = new Map<string, readonly string[]>();
  return {
    fileAt: (key) => files.get(key),
    rememberFile: (key, file) => remember(files, key, file, limit),
    oidAt: (key) => oids.get(key),
    rememberOid: (key, oid) => remember(oids, key, oid, limit * 4),
    commitFiles: new Map(),
    configTeams: (repository) => configs.get(repository.toLowerCase()),
    rememberConfigTeams: (repository, configOid, teams) => remember(configs, repository.toLowerCase(), { configOid, teams }, limit),
    notePaths: (pullRequest) => notes.get(pullRequest.toLowerCase()),
    rememberNotePaths: (pullRequest, paths) => remember(notes, pullRequest.toLowerCase(), paths, limit),
  };
}
