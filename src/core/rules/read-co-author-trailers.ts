import type { GitIdentity } from "../facts/pull-request-facts.js";

const TRAILER = "co-authored-by:";

/**
 * The `Co-authored-by: Name <email>` trailers of a commit message, as
 * identities without a login (docs/checks.md, "Who counts as an approver":
 * a commit's co-authors are GitHub's author list and these trailers). Read
 * line by line with plain string search, so any message costs linear time.
 * A trailer is read wherever it stands in the message: reading too many
 * co-authors can only make fewer reviewers eligible.
 */
export function readCoAuthorTrailers(message: string): GitIdentity[] {
  const out: GitIdentity[] = [];
  let start = 0;
  while (start <= message.length) {
    let end = message.indexOf("\n", start);
    if (end === -1) end = message.length;
    const line = message.slice(start, end).trim();
    start = end + 1;
    if (line.length <= TRAILER.length || line.slice(0, TRAILER.length).toLowerCase() !== TRAILER) continue;
    const value = line.slice(TRAILER.length).trim();
    const open = value.lastIndexOf("<");
    const close = value.lastIndexOf(">");
    if (open === -1 || close < open) {
      out.push({ login: null, name: value === "" ? null : value, email: null });
      continue;
    }
    const name = value.slice(0, open).trim();
    const email = value.slice(open + 1, close).trim();
    out.push({ login: null, name: name === "" ? null : name, email: email === "" ? null : email });
  }
  return out;
}

/**
 * A commit's authors as GitHub listed them, and each trailer GitHub's list
 * does not already hold (by e-mail, case-insensitively).
 */
export function withCoAuthorTrailers(authors: readonly GitIdentity[], message: string): GitIdentity[] {
  const known = new Set(authors.map((a) => a.email?.toLowerCase()).filter((e): e is string => e !== undefined));
  const extra = readCoAuthorTrailers(message).filter((t) => t.email === null || !known.has(t.email.toLowerCase()));
  return [...authors, ...extra];
}
