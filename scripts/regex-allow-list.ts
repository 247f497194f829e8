/**
 * Regular expressions the ReDoS check (`scripts/check-regexes.ts`,
 * docs/security.md "Linear-time text scanning") cannot settle alone.
 * Every entry has a written reason.
 *
 * - A pattern built at run time gives `samples`: a representative value for
 *   each `${...}` expression, so the analyser still checks its shape. The
 *   reason says why every run-time value has that shape.
 * - `accept: true` keeps a pattern the analyser flags; the reason says why
 *   the input it runs on cannot make it slow. Use it only when a rewrite is
 *   worse.
 */
export interface RegexAllowEntry {
  /** The file, relative to the repository root. */
  readonly file: string;
  /** A piece of the pattern's code that picks it out in that file. */
  readonly match: string;
  readonly reason: string;
  /** Representative values for each run-time `${expression}` of the pattern, keyed by the expression's code. */
  readonly samples?: Readonly<Record<string, string>>;
  /** Keep a flagged pattern (only with a reason why its input cannot make it slow). */
  readonly accept?: true;
}

export const REGEX_ALLOW_LIST: readonly RegexAllowEntry[] = [
  {
    file: "src/core/notes/check-release-note.ts",
    match: "${body}${suffix}",
    reason:
      "A placeholder or department name as whole words: `body` is the phrase's words, each escaped with every regex metacharacter, joined by `\\s+`; `suffix` is \"\" or `(?:s|es)?`. No run-time value adds a quantifier or a group.",
    samples: { body: "support\\s+desk", suffix: "(?:s|es)?" },
  },
  {
    file: "src/core/digest/create-department-matcher.ts",
    match: "${names.join(\"|\")}",
    reason:
      "A department's key and aliases as whole words: each name is its words, each escaped with every regex metacharacter, joined by `\\s+`; the names are joined by `|`.",
    samples: { 'names.join("|")': "customer\\s+service|support\\s+desk|sales" },
  },
  {
    file: "src/core/paths/compile-glob.ts",
    match: "new RegExp(`^[${set",
    reason:
      "One glob bracket expression, tested against a single character: the set's `\\`, `]` and `^` are escaped, so the pattern is always one character class between `^` and `$`.",
    samples: { "set.replace(/[\\\\\\]^]/g, (m) => `\\\\${m}`)": "a-z0-9_\\]" },
  },
  {
    file: "src/core/rules/evaluate-commit-involvement.ts",
    match: "^Merge (?:branch '${base}'",
    reason: "git's merge message for the base branch: `base` is the base branch's name with every regex metacharacter escaped, a literal.",
    samples: { base: "release\\/2024\\.1" },
  },
  {
    file: "src/core/notes/find-bare-urls.ts",
    match: "(?:mailto|xmpp):)(?:mailto:)?([\\w+\\-.]+)@",
    accept: true,
    reason:
      "GFM's e-mail autolink. recheck's fuzzer reports degree 2 on `'o' + 'imailto:'.repeat(n)`, but the leading lookbehind refuses every start inside a run of `[\\w+\\-.]` and every start after `mailto:`, so V8 scans each run once from its first character: 1 ms on recheck's own attack string at 65,536 characters, and the hostile-text bench (every class and pair, in every frame) finds no slow e-mail text.",
  },
];
