/**
 * The ReDoS check (docs/security.md, "Linear-time text scanning"): every
 * regular expression in src/, app/ and action/ is found with the TypeScript
 * compiler API (literals, `new RegExp(...)`, `RegExp(...)`, and strings given
 * to `match`/`matchAll`/`search`, which become regular expressions) and
 * analysed with recheck. A pattern recheck does not call safe fails the
 * check, unless `scripts/regex-allow-list.ts` lists it with a reason.
 *
 * A pattern built from values known only at run time (an escaped phrase, a
 * base branch) is analysed with the representative values its allow-list
 * entry gives for each `${...}`; a dynamic pattern without an entry fails.
 *
 * `npx tsx scripts/check-regexes.ts` prints one line per problem
 * (`file:line:column  /pattern/flags  why`) and exits 1 if there is any.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { checkSync, type Diagnostics } from "recheck";
import ts from "typescript";
import { REGEX_ALLOW_LIST, type RegexAllowEntry } from "./regex-allow-list.js";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** The folders whose code runs on pull-request text. */
export const CHECKED_DIRS = ["src", "app", "action"] as const;

/** One regular expression in the code. */
export interface RegexSite {
  /** Path relative to the repository root, with `/`. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  readonly column: number;
  /** How it is written: `literal`, `constructor` (`new RegExp`/`RegExp()`), or `string` (a `match`/`search` argument). */
  readonly kind: "literal" | "constructor" | "string";
  /** The pattern, with every resolvable `${...}` filled in; null when the pattern is not a constant. */
  readonly source: string | null;
  readonly flags: string;
  /** The pattern's code as written (for messages and dynamic patterns). */
  readonly code: string;
  /** The `${...}` expressions that are not module constants, in order (dynamic patterns only). */
  readonly unresolved: readonly string[];
  /** The pattern as a template with each unresolved `${...}` kept as `${expression}`. */
  readonly template: string | null;
}

/** What the check says about one site. */
export interface RegexVerdict {
  readonly site: RegexSite;
  /** The pattern analysed (a dynamic one with its representative values). */
  readonly analysed: string | null;
  readonly status: "safe" | "vulnerable" | "unknown" | "dynamic-unlisted" | "allowed";
  /** recheck's complexity (`linear`, `polynomial` with degree, `exponential`) or the reason. */
  readonly detail: string;
  readonly attack?: string;
}

function listTsFiles(dir: string): string[] {
  const out: string[] = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== "node_modules") out.push(...listTsFiles(path));
    } else if (/\.(?:ts|mts|cts|tsx)$/.test(e.name) && !e.name.endsWith(".d.ts")) {
      out.push(path);
    }
  }
  return out.sort();
}

/** Module-level `const NAME = <string>` declarations of a file, for resolving `${NAME}`. */
function collectConstants(sf: ts.SourceFile): Map<string, ts.Expression> {
  const constants = new Map<string, ts.Expression>();
  for (const statement of sf.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    if ((statement.declarationList.flags & ts.NodeFlags.Const) === 0) continue;
    for (const d of statement.declarationList.declarations) {
      if (ts.isIdentifier(d.name) && d.initializer !== undefined) constants.set(d.name.text, d.initializer);
    }
  }
  return constants;
}

type Piece = { readonly text: string } | { readonly expression: string };

/** The string an expression stands for, as pieces: text, or an expression that is not a module constant. */
function stringPieces(expr: ts.Expression, sf: ts.SourceFile, constants: Map<string, ts.Expression>, depth = 0): Piece[] | null {
  if (depth > 20) return null;
  if (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isSatisfiesExpression(expr)) {
    return stringPieces(expr.expression, sf, constants, depth + 1);
  }
  if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return [{ text: expr.text }];
  if (ts.isTemplateExpression(expr)) {
    const pieces: Piece[] = [{ text: expr.head.text }];
    for (const span of expr.templateSpans) {
      const inner = stringPieces(span.expression, sf, constants, depth + 1);
      pieces.push(...(inner ?? [{ expression: span.expression.getText(sf) }]));
      pieces.push({ text: span.literal.text });
    }
    return pieces;
  }
  if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = stringPieces(expr.left, sf, constants, depth + 1) ?? [{ expression: expr.left.getText(sf) }];
    const right = stringPieces(expr.right, sf, constants, depth + 1) ?? [{ expression: expr.right.getText(sf) }];
    return [...left, ...right];
  }
  if (ts.isIdentifier(expr)) {
    const init = constants.get(expr.text);
    return init === undefined ? null : stringPieces(init, sf, constants, depth + 1);
  }
  return null;
}

function siteFromPieces(
  file: string,
  sf: ts.SourceFile,
  node: ts.Node,
  kind: RegexSite["kind"],
  pieces: Piece[] | null,
  flags: string,
): RegexSite {
  const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
  const base = { file, line: line + 1, column: character + 1, kind, flags, code: node.getText(sf) };
  if (pieces === null) return { ...base, source: null, unresolved: [node.getText(sf)], template: null };
  const unresolved = pieces.flatMap((p) => ("expression" in p ? [p.expression] : []));
  const template = pieces.map((p) => ("text" in p ? p.text : `\${${p.expression}}`)).join("");
  const source = unresolved.length === 0 ? template : null;
  return { ...base, source, unresolved, template };
}

const STRING_PATTERN_METHODS = new Set(["match", "matchAll", "search"]);

/** Every regular expression in one file's source text. */
export function findRegexesInSource(file: string, text: string): RegexSite[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const constants = collectConstants(sf);
  const sites: RegexSite[] = [];
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const literal = (node as ts.RegularExpressionLiteral).text;
      const end = literal.lastIndexOf("/");
      sites.push(siteFromPieces(file, sf, node, "literal", [{ text: literal.slice(1, end) }], literal.slice(end + 1)));
    } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === "RegExp") {
      const [patternArg, flagsArg] = node.arguments ?? [];
      if (patternArg !== undefined) {
        const flagPieces = flagsArg === undefined ? [{ text: "" }] : stringPieces(flagsArg, sf, constants);
        const flags = flagPieces?.every((p) => "text" in p) === true ? flagPieces.map((p) => ("text" in p ? p.text : "")).join("") : "?";
        const pieces = ts.isRegularExpressionLiteral(patternArg) ? null : stringPieces(patternArg, sf, constants);
        if (!ts.isRegularExpressionLiteral(patternArg)) sites.push(siteFromPieces(file, sf, node, "constructor", pieces, flags));
      }
    } else if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      STRING_PATTERN_METHODS.has(node.expression.name.text) &&
      node.arguments.length >= 1
    ) {
      const arg = node.arguments[0];
      if (arg !== undefined && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg) || ts.isTemplateExpression(arg))) {
        sites.push(siteFromPieces(file, sf, arg, "string", stringPieces(arg, sf, constants), node.expression.name.text === "matchAll" ? "g" : ""));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return sites;
}

/** Every regular expression under the checked folders of `root`. */
export function findRegexes(root: string = ROOT, dirs: readonly string[] = CHECKED_DIRS): RegexSite[] {
  const sites: RegexSite[] = [];
  for (const dir of dirs) {
    for (const path of listTsFiles(join(root, dir))) {
      sites.push(...findRegexesInSource(relative(root, path).split("\\").join("/"), readFileSync(path, "utf8")));
    }
  }
  return sites;
}

function entryFor(site: RegexSite, allowList: readonly RegexAllowEntry[]): RegexAllowEntry | undefined {
  return allowList.find((e) => e.file === site.file && site.code.includes(e.match));
}

/** Fills a dynamic pattern's `${...}` with an allow-list entry's representative values. */
function instantiate(site: RegexSite, entry: RegexAllowEntry): string | null {
  if (site.template === null || entry.samples === undefined) return null;
  let out = site.template;
  for (const expression of site.unresolved) {
    const value = entry.samples[expression];
    if (value === undefined) return null;
    out = out.split(`\${${expression}}`).join(value);
  }
  return out;
}

/**
 * recheck's settings: the automaton checker where it applies (exact), else
 * fuzzing with attack strings up to the note limit, from a fixed seed so
 * that every run (and CI) gives the same verdicts.
 */
const RECHECK_PARAMS = { timeout: 20_000, maxAttackStringSize: 65_536, attackTimeout: 2_000, randomSeed: 20_260_101 } as const;

/** Analyses one pattern with recheck. */
export function analysePattern(source: string, flags: string): Diagnostics {
  return checkSync(source, flags.replace(/[gy]/g, ""), RECHECK_PARAMS);
}

function describe(d: Diagnostics): { detail: string; attack?: string } {
  if (d.status === "unknown") return { detail: `unknown (${d.error.kind})` };
  const c = d.complexity;
  const how = d.checker === "automaton" ? "proved by automaton" : "fuzzed";
  const detail = c.type === "polynomial" ? `polynomial, degree ${c.degree} (${how})` : c.type === "safe" ? `no attack found (${how})` : `${c.type} (${how})`;
  if (d.status === "vulnerable") return { detail, attack: d.attack.pattern };
  return { detail };
}

/** Analyses every site; `safe`, `allowed` and `vulnerable`/`unknown`/`dynamic-unlisted` verdicts. */
export function checkRegexSites(sites: readonly RegexSite[], allowList: readonly RegexAllowEntry[] = REGEX_ALLOW_LIST): RegexVerdict[] {
  const cache = new Map<string, Diagnostics>();
  const analyse = (source: string, flags: string): Diagnostics => {
    const key = `${flags}/${source}`;
    let d = cache.get(key);
    if (d === undefined) {
      d = analysePattern(source, flags);
      cache.set(key, d);
    }
    return d;
  };
  return sites.map((site): RegexVerdict => {
    const entry = entryFor(site, allowList);
    const analysed = site.source ?? (entry === undefined ? null : instantiate(site, entry));
    if (analysed === null) {
      return { site, analysed, status: "dynamic-unlisted", detail: `built at run time from ${site.unresolved.join(", ")}: list it with representative values` };
    }
    const d = analyse(analysed, site.flags === "?" ? "" : site.flags);
    const { detail, attack } = describe(d);
    if (d.status === "safe") return { site, analysed, status: "safe", detail };
    if (entry?.accept === true) return { site, analysed, status: "allowed", detail: `${detail}; allowed: ${entry.reason}` };
    return { site, analysed, status: d.status, detail, ...(attack === undefined ? {} : { attack }) };
  });
}

/** Allow-list entries that match no regular expression any more (they must be removed). */
export function staleAllowEntries(sites: readonly RegexSite[], allowList: readonly RegexAllowEntry[] = REGEX_ALLOW_LIST): RegexAllowEntry[] {
  return allowList.filter((e) => !sites.some((s) => s.file === e.file && s.code.includes(e.match)));
}

export function formatVerdict(v: RegexVerdict): string {
  const pattern = v.analysed ?? v.site.code;
  const attack = v.attack === undefined ? "" : `  attack: ${v.attack.length > 120 ? `${v.attack.slice(0, 117)}...` : v.attack}`;
  return `${v.site.file}:${v.site.line}:${v.site.column}  /${pattern}/${v.site.flags}  ${v.status}: ${v.detail}${attack}`;
}

/** The problems: flagged patterns and stale allow-list entries, one line each. */
export function regexProblems(root: string = ROOT): { readonly sites: number; readonly problems: string[]; readonly verdicts: RegexVerdict[] } {
  const sites = findRegexes(root);
  const verdicts = checkRegexSites(sites);
  const problems = verdicts.filter((v) => v.status !== "safe" && v.status !== "allowed").map(formatVerdict);
  for (const e of staleAllowEntries(sites)) problems.push(`${e.file}  allow-list entry "${e.match}" matches no regular expression: remove it`);
  return { sites: sites.length, problems, verdicts };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const verbose = process.argv.includes("--verbose");
  const { sites, problems, verdicts } = regexProblems();
  if (verbose) for (const v of verdicts) process.stdout.write(`${formatVerdict(v)}\n`);
  for (const p of problems) process.stderr.write(`${p}\n`);
  process.stdout.write(`${sites} regular expressions checked, ${problems.length} problem(s).\n`);
  process.exitCode = problems.length > 0 ? 1 : 0;
}
