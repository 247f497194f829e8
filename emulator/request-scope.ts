import type { EmulatorState } from "./emulator-state.js";

/**
 * The one check every request to the loopback GitHub passes
 * (docs/security.md, "The request guard"): a request may name only the
 * repositories the scenario is about, GitHub's auth endpoints, GraphQL and
 * organisation teams. A repository created with `outsider: true` stands for
 * every other repository the installation could read (a private one of the
 * same owner); a request that names it, names no known repository, or holds a
 * `.`/`..` segment as it arrived is a violation. Violations are answered as
 * GitHub would answer, and recorded: the test setup fails any test that
 * caused one.
 */
export function findScopeViolation(state: EmulatorState, method: string, path: string, query: URLSearchParams, rawUrl: string): string | null {
  const rawPath = rawUrl.split(/[?#]/)[0] ?? "";
  if (rawPath.split("/").some((s) => isDotSegment(s))) return `${method} ${rawPath}: a dot segment reached GitHub`;
  const segments = path.split("/").slice(1);
  const [top, a, b] = segments;
  switch (top) {
    case "app":
    case "installation":
    case "rate_limit":
    case "graphql":
    case "teams":
      return null;
    case "orgs":
      return segments[2] === "teams" || segments.length === 2 || segments[2] === "installation" ? null : `${method} ${path}: not a team of an organisation`;
    case "repos":
      return repositoryViolation(state, method, path, `${decodeSafely(a ?? "")}/${decodeSafely(b ?? "")}`);
    case "search": {
      const q = query.get("q") ?? "";
      const named = [...q.matchAll(/(?:^|\s)repo:(\S+)/g)].map((m) => m[1] ?? "");
      if (named.length === 0) return `${method} ${path}: a search that names no repository`;
      for (const full of named) {
        const violation = repositoryViolation(state, method, path, full);
        if (violation !== null) return violation;
      }
      return null;
    }
    default:
      return `${method} ${path}: not a route integ-gate may use`;
  }
}

/** A GraphQL `repository(owner:, name:)` outside the scenario is a violation too. */
export function repositoryViolation(state: EmulatorState, method: string, path: string, fullName: string): string | null {
  const repo = state.repo(fullName);
  if (repo === undefined) return `${method} ${path}: names ${fullName}, which is not a repository of this scenario`;
  if (repo.outsider) return `${method} ${path}: names ${repo.fullName}, a repository integ-gate must never read`;
  return null;
}

/** `.`, `..` and their %-encoded forms (`%2e`, `.%2E`, …), as URL parsers read them. */
function isDotSegment(segment: string): boolean {
  const s = segment.toLowerCase().replaceAll("%2e", ".");
  return s === "." || s === "..";
}

function decodeSafely(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const violations: string[] = [];

/** Records a violation (kept until the test setup takes it). */
export function recordScopeViolation(violation: string): void {
  if (violations.length < 100) violations.push(violation);
}

/** The violations recorded since the last call, and forgets them. */
export function takeScopeViolations(): string[] {
  return violations.splice(0, violations.length);
}
