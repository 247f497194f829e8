import type { PathMatcher } from "../paths/create-path-matcher.js";

/** Where a link in the PR description points, as far as the release-note rules care. */
export type LinkTarget =
  /** A file in this repository (or the PR's head repository) under `release_note.paths`. */
  | { readonly kind: "in-repo"; readonly path: string }
  /** An https page on an allowed external host: accepted, never fetched. */
  | { readonly kind: "external"; readonly url: string; readonly host: string }
  /** Not a note candidate at all: `mailto:` addresses and links to a place in the same page. */
  | { readonly kind: "ignored" }
  | { readonly kind: "rejected"; readonly reason: string };

/** What `resolveNoteLink` needs to know about the repository and the config. */
export interface NoteLinkContext {
  readonly owner: string;
  readonly repo: string;
  /** The GitHub web host's base URL (`https://github.com`, `https://ghe.example.com`). */
  readonly serverUrl: string;
  /** `owner/name` of the PR's head repository (a fork counts as this repository). */
  readonly headRepoFullName: string | null;
  /** `release_note.paths`, for messages. */
  readonly paths: readonly string[];
  readonly isNotePath: PathMatcher;
  /** `release_note.external_hosts` (lower case; `*.example.com` allows subdomains). */
  readonly externalHosts: readonly string[];
}

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;

/**
 * Decides whether a link destination can be the release note, per
 * behaviour.md "Finding the release note": a file in this repository under
 * `release_note.paths` (relative, `./`, `/`, or a `blob`/`raw` URL on the
 * GitHub web host), or an https page on an allowed external host. Every
 * rejection carries a reason a person can act on. URLs are parsed with the
 * WHATWG URL parser. Pure; never throws.
 */
export function resolveNoteLink(destination: string, ctx: NoteLinkContext): LinkTarget {
  const raw = destination.trim();
  if (raw === "") return rejected("has no destination");
  const scheme = SCHEME.exec(raw)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    if (raw.startsWith("//")) return resolveAbsolute(`https:${raw}`, ctx, "https");
    if (/^\\\\/.test(raw)) return rejected("is a network path, not a link to a file in this repository");
    return resolveRelative(raw, ctx);
  }
  if (scheme === "mailto") return { kind: "ignored" };
  if (scheme === "javascript" || scheme === "vbscript") return rejected(`is a ${scheme}: link, which is never followed`);
  if (scheme === "data") return rejected("is a data: URL; link a note file or page instead");
  if (scheme !== "https" && scheme !== "http") {
    return rejected(`is a ${scheme}: link; only https links count`);
  }
  return resolveAbsolute(raw, ctx, scheme);
}

function resolveAbsolute(raw: string, ctx: NoteLinkContext, scheme: "https" | "http"): LinkTarget {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return rejected("is not a valid URL");
  }
  const server = serverHost(ctx.serverUrl);
  const host = url.host.toLowerCase().replace(/\.$/, "");
  const hostname = url.hostname.toLowerCase().replace(/\.$/, "");
  const userinfoHint =
    url.username !== "" || url.password !== ""
      ? ` (the part before "@" is a user name, not the host)`
      : "";
  const isApi =
    host === `api.${server.host}` ||
    (host === server.host && /^\/api(?:\/|$)/i.test(url.pathname)) ||
    (server.host === "github.com" && host === "raw.githubusercontent.com");
  if (isApi) {
    return rejected(
      `points to ${host === server.host ? `the GitHub API (${host}/api)` : host}, not to the GitHub web page: link ${server.origin}/${ctx.owner}/${ctx.repo}/blob/<branch>/<path> instead`,
    );
  }
  if (host === server.host) {
    if (scheme === "http") return rejected(`uses http: only https links count (use ${server.origin}/…)`);
    if (userinfoHint !== "") return rejected(`has a user name before the host; link ${server.origin}/… directly`);
    return resolveOnServer(url, ctx, server.origin);
  }
  if (isAllowedExternal(hostname, ctx.externalHosts)) {
    if (scheme === "http") return rejected(`uses http: only https links count (use https://${hostname}/…)`);
    return { kind: "external", url: url.href, host: hostname };
  }
  if (ctx.externalHosts.length === 0) {
    return rejected(
      `goes to ${hostname}, which is not ${server.host}, and release_note.external_hosts allows no other host${userinfoHint}`,
    );
  }
  return rejected(
    `goes to ${hostname}, which is not ${server.host} and not in release_note.external_hosts (${ctx.externalHosts.join(", ")})${userinfoHint}`,
  );
}

function resolveOnServer(url: URL, ctx: NoteLinkContext, origin: string): LinkTarget {
  const segments = url.pathname.split("/").slice(1);
  const [owner, repo, kind, ...rest] = segments;
  if (owner === undefined || repo === undefined || owner === "" || repo === "") {
    return rejected(`is not a link to a file in this repository (use ${origin}/${ctx.owner}/${ctx.repo}/blob/<branch>/<path>)`);
  }
  const fullName = `${safeDecode(owner) ?? owner}/${safeDecode(repo) ?? repo}`.toLowerCase();
  const ours = [`${ctx.owner}/${ctx.repo}`.toLowerCase()];
  if (ctx.headRepoFullName !== null) ours.push(ctx.headRepoFullName.toLowerCase());
  if (!ours.includes(fullName)) return rejected(`points to another repository (${owner}/${repo})`);
  if (kind !== "blob" && kind !== "raw") {
    const what =
      kind === "tree" ? "a folder (tree) link" : kind === "pull" ? "a pull request page" : kind === undefined || kind === "" ? "the repository's home page" : `a ${kind} page`;
    return rejected(`is ${what}, not a note file: link ${origin}/${ctx.owner}/${ctx.repo}/blob/<branch>/<path>`);
  }
  if (rest.length < 2) return rejected(`does not name a file after ${kind}/<branch>/`);
  const decoded: string[] = [];
  for (const segment of rest) {
    const d = safeDecode(segment);
    if (d === null) return rejected("has a malformed %-escape");
    decoded.push(...d.split("/"));
  }
  const resolved = resolveDots(decoded);
  if (resolved === null) return rejected("escapes the repository root (..)");
  for (let k = resolved.length - 1; k >= 1; k--) {
    const candidate = resolved.slice(k).join("/");
    if (ctx.isNotePath(candidate)) return { kind: "in-repo", path: candidate };
  }
  const shown = resolved.slice(1).join("/");
  return rejected(`points to ${shown}, which is not under release_note.paths (${ctx.paths.join(", ") || "none configured"})`);
}

function resolveRelative(raw: string, ctx: NoteLinkContext): LinkTarget {
  const cut = raw.search(/[?#]/);
  const pathPart = cut === -1 ? raw : raw.slice(0, cut);
  if (pathPart === "") return { kind: "ignored" };
  const decoded = safeDecode(pathPart);
  if (decoded === null) return rejected("has a malformed %-escape");
  const resolved = resolveDots(decoded.replace(/\\/g, "/").split("/"));
  if (resolved === null) return rejected("escapes the repository root (..)");
  if (resolved.length === 0) return rejected("does not name a file");
  const path = resolved.join("/");
  if (ctx.isNotePath(path)) return { kind: "in-repo", path };
  return rejected(`is not under release_note.paths (${ctx.paths.join(", ") || "none configured"})`);
}

/** Drops empty and `.` segments and applies `..`; null when `..` climbs above the root. */
function resolveDots(segments: readonly string[]): string[] | null {
  const out: string[] = [];
  for (const s of segments) {
    if (s === "" || s === ".") continue;
    if (s === "..") {
      if (out.length === 0) return null;
      out.pop();
    } else out.push(s);
  }
  return out;
}

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

function serverHost(serverUrl: string): { host: string; origin: string } {
  try {
    const u = new URL(serverUrl);
    return { host: u.host.toLowerCase(), origin: u.origin };
  } catch {
    return { host: "github.com", origin: "https://github.com" };
  }
}

function asciiHost(entry: string): string {
  try {
    return new URL(`https://${entry}/`).hostname.toLowerCase().replace(/\.$/, "");
  } catch {
    return entry.toLowerCase();
  }
}

/** `host` equals an entry, or is `example.com` or a subdomain of it for an entry `*.example.com`. */
export function isAllowedExternal(hostname: string, entries: readonly string[]): boolean {
  for (const entry of entries) {
    const trimmed = entry.trim();
    if (trimmed.startsWith("*.")) {
      const base = asciiHost(trimmed.slice(2));
      if (base !== "" && (hostname === base || hostname.endsWith(`.${base}`))) return true;
    } else if (asciiHost(trimmed) === hostname) return true;
  }
  return false;
}

function rejected(reason: string): LinkTarget {
  return { kind: "rejected", reason };
}
