/**
 * Globs as docs/configuration.md#keys defines them (picomatch-style: `**`, `*`, `?`,
 * `[...]`, `{a,b}`; case-sensitive; whole paths; dotfiles included), compiled
 * to a matcher that runs in time polynomial in the path and the glob.
 *
 * Why not picomatch's own matcher: it compiles to a backtracking RegExp, and
 * `*a*a*a*a*b` or `**\/a*\/**\/a*\/**\/z` take seconds to minutes on a
 * 40-character path. A config is written by an admin, but paths come from any
 * pull request, so matching must stay bounded. Test tests compare this matcher
 * with picomatch on random globs and paths.
 */

type Token =
  | { readonly t: "lit"; readonly c: string }
  | { readonly t: "one" }
  | { readonly t: "star" }
  | { readonly t: "class"; readonly test: (c: string) => boolean };

/** A compiled glob: each segment is `**` (any number of path segments) or a token list for one segment. */
type Segment = "**" | readonly Token[];

export type CompiledGlob = (path: string) => boolean;

export type GlobCompileResult =
  | { readonly ok: true; readonly match: CompiledGlob }
  | { readonly ok: false; readonly problem: string };

/** Most patterns one glob may expand to through `{a,b}` alternatives. */
export const MAX_BRACE_EXPANSIONS = 256;
/** Longest glob accepted. */
export const MAX_GLOB_LENGTH = 1024;

const EXTGLOB = /[@!+*?]\(/;

/** Compiles one glob, or says in one phrase why it cannot be used. */
export function compileGlob(glob: string): GlobCompileResult {
  if (glob.length === 0) return { ok: false, problem: "is an empty glob" };
  if (glob.length > MAX_GLOB_LENGTH) return { ok: false, problem: `is longer than ${MAX_GLOB_LENGTH} characters` };
  if (glob.startsWith("!")) return { ok: false, problem: "starts with \"!\": negated globs are not supported" };
  if (EXTGLOB.test(glob)) return { ok: false, problem: "uses an extglob such as @(…) or !(…), which is not supported" };
  const expanded = expandBraces(glob);
  if (expanded === null) {
    return { ok: false, problem: `expands to more than ${MAX_BRACE_EXPANSIONS} patterns through {a,b} alternatives` };
  }
  const compiled: Segment[][] = [];
  for (const pattern of expanded) {
    const segments = compileSegments(pattern);
    if (typeof segments === "string") return { ok: false, problem: segments };
    compiled.push(segments);
  }
  return {
    ok: true,
    match: (path: string) => {
      const parts = path.split("/");
      return compiled.some((segments) => matchSegments(segments, parts));
    },
  };
}

/** Expands `{a,b}` alternatives (nested allowed; `\` escapes). null when there would be too many. */
function expandBraces(glob: string): string[] | null {
  const open = findBraceOpen(glob);
  if (open < 0) return [glob];
  const close = findBraceClose(glob, open);
  if (close < 0) return [glob];
  const alternatives = splitTopLevel(glob.slice(open + 1, close));
  const prefix = glob.slice(0, open);
  const suffix = glob.slice(close + 1);
  if (alternatives.length < 2) {
    // `{a}` is literal, as in picomatch; keep looking after it.
    const rest = expandBraces(suffix);
    return rest === null ? null : rest.map((r) => `${glob.slice(0, close + 1)}${r}`);
  }
  const out: string[] = [];
  for (const alt of alternatives) {
    const expanded = expandBraces(`${prefix}${alt}${suffix}`);
    if (expanded === null) return null;
    for (const e of expanded) {
      out.push(e);
      if (out.length > MAX_BRACE_EXPANSIONS) return null;
    }
  }
  return out;
}

function findBraceOpen(s: string): number {
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "\\") i++;
    else if (s[i] === "{") return i;
  }
  return -1;
}

function findBraceClose(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === "\\") i++;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return i;
  }
  return -1;
}

function splitTopLevel(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "\\") i++;
    else if (c === "{") depth++;
    else if (c === "}") depth--;
    else if (c === "," && depth === 0) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return parts;
}

function compileSegments(pattern: string): Segment[] | string {
  const segments: Segment[] = [];
  for (const raw of pattern.split("/")) {
    if (raw === "**") {
      if (segments[segments.length - 1] !== "**") segments.push("**");
      continue;
    }
    const tokens = compileTokens(raw);
    if (typeof tokens === "string") return tokens;
    segments.push(tokens);
  }
  // picomatch: a trailing `/**` after a segment that ends in `*` needs at least one more segment
  // (`a*/**` does not match `ab`), while after any other segment it also matches that path itself.
  const last = segments.length - 1;
  const before = segments[last - 1];
  if (segments[last] === "**" && before !== undefined && before !== "**" && before[before.length - 1]?.t === "star") {
    segments.splice(last, 0, [{ t: "star" }]);
  }
  return segments;
}

function compileTokens(segment: string): Token[] | string {
  const tokens: Token[] = [];
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i] as string;
    if (c === "\\") {
      const next = segment[i + 1];
      tokens.push({ t: "lit", c: next ?? "\\" });
      i++;
    } else if (c === "*") {
      while (segment[i + 1] === "*") i++;
      if (tokens[tokens.length - 1]?.t !== "star") tokens.push({ t: "star" });
    } else if (c === "?") {
      tokens.push({ t: "one" });
    } else if (c === "[") {
      const end = segment.indexOf("]", i + 2);
      if (end < 0) {
        tokens.push({ t: "lit", c });
        continue;
      }
      const body = segment.slice(i + 1, end);
      const negated = body.startsWith("!") || body.startsWith("^");
      const set = negated ? body.slice(1) : body;
      let re: RegExp;
      try {
        re = new RegExp(`^[${set.replace(/[\\\]^]/g, (m) => `\\${m}`)}]$`, "u");
      } catch {
        return `has an invalid character class [${body}]`;
      }
      tokens.push({ t: "class", test: (ch) => ch !== "/" && re.test(ch) !== negated });
      i = end;
    } else {
      tokens.push({ t: "lit", c });
    }
  }
  return tokens;
}

/** Matches path segments against glob segments; `**` matches zero or more segments. O(P x S) segment tests. */
function matchSegments(glob: readonly Segment[], parts: readonly string[]): boolean {
  let g = 0;
  let p = 0;
  let starG = -1;
  let starP = 0;
  while (p < parts.length) {
    const seg = glob[g];
    if (seg === "**") {
      starG = g++;
      starP = p;
      continue;
    }
    if (seg !== undefined && matchTokens(seg, parts[p] as string)) {
      g++;
      p++;
      continue;
    }
    if (starG < 0) return false;
    g = starG + 1;
    p = ++starP;
  }
  while (glob[g] === "**") g++;
  return g === glob.length;
}

/** Wildcard match of one segment: `*` matches any run (at least one character when it is the whole segment). O(n x m). */
function matchTokens(tokens: readonly Token[], text: string): boolean {
  if (text.length === 0) return false;
  if (tokens.length === 1 && tokens[0]?.t === "star") return true;
  const chars = Array.from(text);
  let t = 0;
  let c = 0;
  let starT = -1;
  let starC = 0;
  while (c < chars.length) {
    const token = tokens[t];
    if (token !== undefined && token.t !== "star" && matchesChar(token, chars[c] as string)) {
      t++;
      c++;
    } else if (token?.t === "star") {
      starT = t++;
      starC = c;
    } else if (starT >= 0) {
      t = starT + 1;
      c = ++starC;
    } else {
      return false;
    }
  }
  while (tokens[t]?.t === "star") t++;
  return t === tokens.length;
}

function matchesChar(token: Token, ch: string): boolean {
  switch (token.t) {
    case "lit":
      return token.c === ch;
    case "one":
      return true;
    case "class":
      return token.test(ch);
    case "star":
      return true;
  }
}
