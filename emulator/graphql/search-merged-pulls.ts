import type { GraphQLResolveInfo } from "graphql";
import type { PullRecord, RepoRecord } from "../state-records.js";
import { connection, type ConnectionArgs } from "./graphql-connection.js";
import { pullNode, type GraphqlContext } from "./graphql-nodes.js";

/** The qualifiers of an issue search the emulator understands (what the digest sends). */
interface SearchQualifiers {
  repo: string | null;
  isPr: boolean;
  isMerged: boolean;
  base: string | null;
  merged: { from: number; to: number } | null;
}

/** A search-qualifier time: a date (a whole UTC day) or a date-time. */
function bound(text: string, end: boolean): number {
  if (text === "*") return end ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  if (/^\d{4}-\d{2}-\d{2}$/u.test(text)) return Date.parse(`${text}T00:00:00Z`) + (end ? 86_399_999 : 0);
  return Date.parse(text);
}

function parseQualifiers(query: string): SearchQualifiers {
  const q: SearchQualifiers = { repo: null, isPr: false, isMerged: false, base: null, merged: null };
  for (const token of query.trim().split(/\s+/u)) {
    const colon = token.indexOf(":");
    if (colon < 0) continue;
    const key = token.slice(0, colon).toLowerCase();
    const value = token.slice(colon + 1);
    if (key === "repo") q.repo = value.toLowerCase();
    else if (key === "is" && value === "pr") q.isPr = true;
    else if (key === "is" && value === "merged") q.isMerged = true;
    else if (key === "type" && value === "pr") q.isPr = true;
    else if (key === "base") q.base = value;
    else if (key === "merged") {
      const range = value.split("..");
      if (range.length === 2) q.merged = { from: bound(range[0] ?? "*", false), to: bound(range[1] ?? "*", true) };
      else if (value.startsWith(">=")) q.merged = { from: bound(value.slice(2), false), to: Number.POSITIVE_INFINITY };
      else if (value.startsWith("<")) q.merged = { from: Number.NEGATIVE_INFINITY, to: bound(value.slice(1), false) - 1 };
      else q.merged = { from: bound(value, false), to: bound(value, true) };
    }
  }
  return q;
}

/**
 * `Query.search(type: ISSUE)` over pull requests, as the digest uses it:
 * `repo:`, `is:pr`, `is:merged`, `base:` and `merged:` (a date, a date-time,
 * `A..B` inclusive), newest first, at most 1,000 results like GitHub, with
 * `issueCount` the whole count.
 */
export function searchIssues(args: Record<string, unknown>, ctx: GraphqlContext, info: GraphQLResolveInfo): Record<string, unknown> {
  const q = parseQualifiers(String(args["query"] ?? ""));
  const matches: { repo: RepoRecord; pr: PullRecord }[] = [];
  if (args["type"] === "ISSUE" && q.repo !== null) {
    const repo = ctx.state.repo(q.repo);
    if (repo !== undefined && ctx.canRead(repo)) {
      for (const pr of repo.pulls.values()) {
        if (q.isMerged && !pr.merged) continue;
        if (q.base !== null && pr.baseRef !== q.base) continue;
        if (q.merged !== null) {
          const at = pr.mergedAt === null ? Number.NaN : Date.parse(pr.mergedAt);
          if (!(at >= q.merged.from && at <= q.merged.to)) continue;
        }
        matches.push({ repo, pr });
      }
    }
  }
  matches.sort((a, b) => b.pr.number - a.pr.number);
  const listed = matches.slice(0, 1_000);
  return connection(listed, args as ConnectionArgs, info, (m) => pullNode(ctx, m.repo, m.pr), {
    issueCount: matches.length,
    codeCount: 0,
    discussionCount: 0,
    repositoryCount: 0,
    userCount: 0,
    wikiCount: 0,
  });
}
