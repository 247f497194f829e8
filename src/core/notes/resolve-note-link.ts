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
 * Decides whether a link destination can be the release note
 * (docs/release-note.md, "How the note is found"): a file in this repository under
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
    if (raw.startsWith("\\\\")) return rejected("is a network path, not a link to a file in this repository");
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
    return resolveOnServer(url, raw, ctx, server.origin);
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

function resolveOnServer(url: URL, raw: string, ctx: NoteLinkContext, origin: string): LinkTarget {
  // The path as written, not as the URL parser normalised it: dot segments are refused, never applied.
  const written = plainPath(rawPathOf(raw));
  if (typeof written === "object") return written;
  const [owner, repo, kind, ...rest] = written === "" ? [] : written.split("/");
  if (owner === undefined || repo === undefined || url.pathname === "") {
    return rejected(`is not a link to a file in this repository (use ${origin}/${ctx.owner}/${ctx.repo}/blob/<branch>/<path>)`);
  }
  const fullName = `${owner}/${repo}`.toLowerCase();
  const ours = [`${ctx.owner}/${ctx.repo}`.toLowerCase()];
  if (ctx.headRepoFullName !== null) ours.push(ctx.headRepoFullName.toLowerCase());
  if (!ours.includes(fullName)) return rejected(`points to another repository (${owner}/${repo})`);
  if (kind !== "blob" && kind !== "raw") {
    const what =
      kind === "tree" ? "a folder (tree) link" : kind === "pull" ? "a pull request page" : kind === undefined ? "the repository's home page" : `a ${kind} page`;
    return rejected(`is ${what}, not a note file: link ${origin}/${ctx.owner}/${ctx.repo}/blob/<branch>/<path>`);
  }
  if (rest.length < 2) return rejected(`does not name a file after ${kind}/<branch>/`);
  for (let k = rest.length - 1; k >= 1; k--) {
    const candidate = rest.slice(k).join("/");
    if (ctx.isNotePath(candidate)) return { kind: "in-repo", path: candidate };
  }
  const shown = rest.slice(1).join("/");
  return rejected(`points to ${shown}, which is not under release_note.paths (${ctx.paths.join(", ") || "none configured"})`);
}

function resolveRelative(raw: string, ctx: NoteLinkContext): LinkTarget {
  const cut = raw.search(/[?#]/);
  let pathPart = cut === -1 ? raw : raw.slice(0, cut);
  if (pathPart === "") return { kind: "ignored" };
  // `docs/…`, `./docs/…` and `/docs/…` name the same file; no other form is read into a path.
  if (pathPart.startsWith("./")) pathPart = pathPart.slice(2);
  else if (pathPart.startsWith("/")) pathPart = pathPart.slice(1);
  const path = plainPath(pathPart);
  if (typeof path === "object") return path;
  if (path === "") return rejected("does not name a file");
  if (ctx.isNotePath(path)) return { kind: "in-repo", path };
  return rejected(`is not under release_note.paths (${ctx.paths.join(", ") || "none configured"})`);
}

const NOT_PLAIN = "is not a plain path in this repository";

/**
 * A path as integ-gate may read it (docs/security.md, "Note links stay in
 * this repository"): `%` escapes decoded once, then nothing that a later
 * decoding or URL handling could turn into another path. A `%`, `\`, `?`,
 * `#`, a control character, an empty segment, or a `.` / `..` segment
 * rejects it. Returns the plain path ("" for none), or the rejection.
 */
export function plainPath(written: string): string | LinkTarget {
  const decoded = safeDecode(written);
  if (decoded === null) return rejected("has a malformed %-escape");
  if (decoded === "") return "";
  for (let i = 0; i < decoded.length; i++) {
    const c = decoded.charCodeAt(i);
    if (c === 0x25 || c === 0x5c || c === 0x3f || c === 0x23 || c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
      return rejected(`${NOT_PLAIN} (it holds ${describeChar(c)} after decoding)`);
    }
  }
  for (const segment of decoded.split("/")) {
    if (segment === "") return rejected(`${NOT_PLAIN} (it has an empty segment)`);
    if (segment === "." || segment === "..") return rejected(`${NOT_PLAIN} (it has a "${segment}" segment)`);
  }
  return decoded;
}

function describeChar(code: number): string {
  if (code < 0x20 || code >= 0x7f) return `a control character (U+${code.toString(16).toUpperCase().padStart(4, "0")})`;
  return `"${String.fromCharCode(code)}"`;
}

/** The path of an absolute URL as written (after the host, before `?` or `#`), without its leading slash. */
function rawPathOf(raw: string): string {
  let rest = raw.slice(raw.indexOf(":") + 1);
  let i = 0;
  while (i < rest.length && (rest[i] === "/" || rest[i] === "\\")) i++;
  rest = rest.slice(i);
  for (let j = 0; j < rest.length; j++) {
    const c = rest[j];
    if (c === "?" || c === "#") {
      rest = rest.slice(0, j);
      break;
    }
  }
  for (let j = 0; j < rest.length; j++) {
    const c = rest[j];
    // A backslash after the host is kept in the path, where plainPath refuses it.
    if (c === "/") return rest.slice(j + 1);
    if (c === "\\") return rest.slice(j);
  }
  return "";
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
