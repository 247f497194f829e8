import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ConfigIssue } from "../../../src/core/config/config-error.js";
import {
  DEFAULT_INLINE_HEADING,
  DEFAULT_NOTE_PATHS,
  DEFAULT_PLACEHOLDERS,
  DEFAULT_SECTIONS,
} from "../../../src/core/config/integ-config.js";
import type { IntegConfig } from "../../../src/core/config/integ-config.js";
import { parseIntegConfig } from "../../../src/core/config/parse-integ-config.js";

const MIN = 'version: 1\nowners: ["@maria-ops"]\n';
const fixture = (name: string): string =>
  readFileSync(new URL(`../../fixtures/config/${name}`, import.meta.url), "utf8");

function valid(text: string): IntegConfig {
  const result = parseIntegConfig(text);
  if (!result.ok) throw new Error(`expected a valid config, got:\n${result.issues.map((i) => i.message).join("\n")}`);
  return result.config;
}

function issues(text: string): readonly ConfigIssue[] {
  const result = parseIntegConfig(text);
  if (result.ok) throw new Error("expected the config to be rejected");
  return result.issues;
}

const messages = (text: string): string[] => issues(text).map((i) => i.message);

describe("parseIntegConfig: the message format", () => {
  it("names the key path, the problem, the line and the column", () => {
    const text = [
      "# integ-gate configuration",
      "version: 1",
      "",
      "# The people who own the process",
      "owners:",
      '  - "@maria-ops"',
      '  - "@acme/"',
    ].join("\n");
    const [issue, ...rest] = issues(text);
    expect(rest).toEqual([]);
    expect(issue).toEqual({
      file: ".integ.yml",
      keyPath: "owners[1]",
      line: 7,
      column: 5,
      problem: '"@acme/" is not @user or @org/team',
      message: 'owners[1]: "@acme/" is not @user or @org/team (line 7, column 5)',
    });
  });

  it("says what is odd about a login", () => {
    expect(messages('version: 1\nowners: ["@maria ops"]\n')).toEqual([
      'owners[0]: "@maria ops" is not @user or @org/team (it contains a space) (line 2, column 10)',
    ]);
  });

  it("uses the file name it is given", () => {
    expect(issues("version: 2\nowners: ['@a']\n")[0]?.file).toBe(".integ.yml");
    const other = parseIntegConfig("version: 2\nowners: ['@a']\n", "config/.integ.yml");
    expect(other.ok ? null : other.issues[0]?.file).toBe("config/.integ.yml");
  });

  it("reports every problem at once, in file order", () => {
    const text = [
      "comment: maybe", // line 1
      "owners: []", // line 2
      "version: 3", // line 3
      "approval: { reset_on: sometimes }", // line 4
    ].join("\n");
    expect(messages(text)).toEqual([
      'comment: must be true or false, not the text "maybe" (line 1, column 10)',
      "owners: must list at least one entry (line 2, column 9)",
      "version: must be the integer 1, not 3 (line 3, column 10)",
      'approval.reset_on: must be one of push, note-change or never, not the text "sometimes" (line 4, column 23)',
    ]);
  });

  it("quotes keys that are not plain words in the key path", () => {
    const text = `${MIN}systems:\n  "my erp":\n    paths: ["erp/**"]\n    feeds: [crm]\n`;
    expect(messages(text)).toEqual([
      'systems["my erp"].feeds[0]: "crm" is not a system defined under systems (line 6, column 13)',
    ]);
  });
});

describe("parseIntegConfig: the validation rules of docs/configuration.md", () => {
  const cases: ReadonlyArray<{ readonly rule: string; readonly text: string; readonly first: string }> = [
    { rule: "version is required", text: 'owners: ["@a"]\n', first: "version: is required: add `version: 1` (line 1, column 1)" },
    { rule: "version must be the integer 1", text: 'version: 2\nowners: ["@a"]\n', first: "version: must be the integer 1, not 2 (line 1, column 10)" },
    { rule: "version as text is wrong", text: 'version: "1"\nowners: ["@a"]\n', first: 'version: must be the integer 1, not the text "1" (line 1, column 10)' },
    { rule: "owners is required", text: "version: 1\n", first: 'owners: is required: list at least one integration owner, e.g. owners: ["@maria-ops"] (line 1, column 1)' },
    { rule: "owners must not be empty", text: "version: 1\nowners: []\n", first: "owners: must list at least one entry (line 2, column 9)" },
    { rule: "an owner is @user or @org/team", text: 'version: 1\nowners: ["@maria-ops", "acme"]\n', first: 'owners[1]: "acme" is not @user or @org/team (it must start with @) (line 2, column 24)' },
    { rule: "a login has no leading hyphen", text: 'version: 1\nowners: ["@-maria"]\n', first: 'owners[0]: "@-maria" is not @user or @org/team (line 2, column 10)' },
    { rule: "a login has no double hyphen", text: 'version: 1\nowners: ["@ma--ria"]\n', first: 'owners[0]: "@ma--ria" is not @user or @org/team (line 2, column 10)' },
    { rule: "a login is at most 39 characters", text: `version: 1\nowners: ["@${"a".repeat(40)}"]\n`, first: `owners[0]: "@${"a".repeat(40)}" is not @user or @org/team (line 2, column 10)` },
    { rule: "a team has one slash", text: 'version: 1\nowners: ["@acme/a/b"]\n', first: 'owners[0]: "@acme/a/b" is not @user or @org/team (line 2, column 10)' },
    { rule: "a system's owners are identities", text: `${MIN}systems:\n  erp: { paths: [a], owners: [erp-team] }\n`, first: 'systems.erp.owners[0]: "erp-team" is not @user or @org/team (it must start with @) (line 4, column 31)' },
    { rule: "signoff entries are identities", text: `${MIN}departments:\n  finance: { signoff: ["@acme/"] }\n`, first: 'departments.finance.signoff[0]: "@acme/" is not @user or @org/team (line 4, column 24)' },
    { rule: "approval.developers entries are identities", text: `${MIN}approval:\n  developers: ["@"]\n`, first: 'approval.developers[0]: "@" is not @user or @org/team (line 4, column 16)' },
    { rule: "override.allowed entries are identities", text: `${MIN}override: { label: x, allowed: [admins] }\n`, first: 'override.allowed[0]: "admins" is not @user or @org/team (it must start with @) (line 3, column 33)' },
    { rule: "approval.min is an integer", text: `${MIN}approval: { min: 1.5 }\n`, first: "approval.min: must be a whole number, not 1.5 (line 3, column 18)" },
    { rule: "approval.min is at least 1", text: `${MIN}approval: { min: 0 }\n`, first: "approval.min: must be at least 1, not 0 (line 3, column 18)" },
    {
      rule: "approval.min is not more than the @user owners when there is no team",
      text: 'version: 1\nowners: ["@a", "@b", "@A"]\napproval:\n  min: 3\n',
      first: "approval.min: needs 3 approvals, but owners lists only 2 people and no team, so it could never be met (line 4, column 8)",
    },
    { rule: "a system needs paths", text: `${MIN}systems:\n  erp: { owners: ["@a"] }\n`, first: "systems.erp.paths: is required (line 4, column 8)" },
    { rule: "a system's paths are not empty", text: `${MIN}systems:\n  erp: { paths: [] }\n`, first: "systems.erp.paths: must list at least one path glob (line 4, column 17)" },
    { rule: "a glob is not empty", text: `${MIN}integration: { paths: [""] }\n`, first: "integration.paths[0]: must be a non-empty glob (line 3, column 24)" },
    {
      rule: "feeds name defined systems",
      text: `${MIN}systems:\n  erp: { paths: [a], feeds: [crn] }\n  crm: { paths: [b] }\n`,
      first: 'systems.erp.feeds[0]: "crn" is not a system defined under systems (did you mean "crm"?) (line 4, column 30)',
    },
    {
      rule: "a system's departments are defined under departments",
      text: `${MIN}systems:\n  erp: { paths: [a], departments: [finanse] }\ndepartments:\n  finance: {}\n`,
      first: 'systems.erp.departments[0]: "finanse" is not a department defined under departments (did you mean "finance"?) (line 4, column 36)',
    },
    {
      rule: "a system's departments need a departments section",
      text: `${MIN}systems:\n  erp: { paths: [a], departments: [sales] }\n`,
      first: 'systems.erp.departments[0]: "sales" is not a department defined under departments (add it: departments: { sales: {} }) (line 4, column 36)',
    },
    { rule: "reset_on is one of three", text: `${MIN}approval: { reset_on: merge }\n`, first: 'approval.reset_on: must be one of push, note-change or never, not the text "merge" (line 3, column 23)' },
    { rule: "min_words is an integer", text: `${MIN}release_note: { min_words: 4.5 }\n`, first: "release_note.min_words: must be a whole number, not 4.5 (line 3, column 28)" },
    { rule: "min_words is at least 0", text: `${MIN}release_note: { min_words: -1 }\n`, first: "release_note.min_words: must be at least 0, not -1 (line 3, column 28)" },
    { rule: "max_grade is positive", text: `${MIN}release_note:\n  plain_language: { max_grade: 0 }\n`, first: "release_note.plain_language.max_grade: must be greater than 0, not 0 (line 4, column 32)" },
    { rule: "max_sentence_words is positive", text: `${MIN}release_note:\n  plain_language: { max_sentence_words: -5 }\n`, first: "release_note.plain_language.max_sentence_words: must be greater than 0, not -5 (line 4, column 41)" },
    {
      rule: "a way to give a note must remain",
      text: `${MIN}release_note:\n  paths: []\n  inline_heading: ""\n`,
      first:
        'release_note: leaves no way to give a release note: paths, inline_heading and external_hosts are all empty (keep inline_heading: "Human release note", or list paths or external_hosts) (line 3, column 1)',
    },
    { rule: "override needs a label", text: `${MIN}override: { allowed: ["@acme/admins"] }\n`, first: "override.label: is required (line 3, column 11)" },
    { rule: "override's label is not empty", text: `${MIN}override: { label: "", allowed: ["@a"] }\n`, first: "override.label: must not be empty (line 3, column 20)" },
    { rule: "override needs allowed", text: `${MIN}override: { label: x }\n`, first: "override.allowed: is required (line 3, column 11)" },
    { rule: "override's allowed is not empty", text: `${MIN}override: { label: x, allowed: [] }\n`, first: "override.allowed: must list at least one entry (line 3, column 32)" },
    { rule: "jargon entries are words", text: `${MIN}release_note:\n  plain_language: { jargon: ["  "] }\n`, first: "release_note.plain_language.jargon[0]: must be a non-empty word or phrase (line 4, column 30)" },
    { rule: "a jargon mapping has one word", text: `${MIN}release_note:\n  plain_language: { jargon: [{ a: b, c: d }] }\n`, first: "release_note.plain_language.jargon[0]: must map exactly one word to its plainer wording (line 4, column 30)" },
    { rule: "a jargon mapping's wording is text", text: `${MIN}release_note:\n  plain_language: { jargon: [{ leverage: 3 }] }\n`, first: "release_note.plain_language.jargon[0].leverage: must be text, not 3 (line 4, column 42)" },
    { rule: "a jargon entry is not a number", text: `${MIN}release_note:\n  plain_language: { jargon: [42] }\n`, first: 'release_note.plain_language.jargon[0]: must be a word or phrase, or { "word or phrase": "plainer wording" } (line 4, column 30)' },
    { rule: "jargon_allow entries are not empty", text: `${MIN}release_note:\n  plain_language: { jargon_allow: [""] }\n`, first: "release_note.plain_language.jargon_allow[0]: must be a non-empty word or phrase (line 4, column 36)" },
    { rule: "aliases are not empty", text: `${MIN}departments:\n  finance: { aliases: [" "] }\n`, first: "departments.finance.aliases[0]: must be a non-empty word or phrase (line 4, column 24)" },
    { rule: "external_hosts are host names", text: `${MIN}release_note: { external_hosts: ["https://acme.atlassian.net/wiki"] }\n`, first: 'release_note.external_hosts[0]: "https://acme.atlassian.net/wiki" is not a host name such as acme.atlassian.net (no https://, no path) (line 3, column 34)' },
    { rule: "a system name is not empty", text: `${MIN}systems:\n  "": { paths: [a] }\n`, first: 'systems[""]: the name must not be empty (line 4, column 3)' },
    { rule: "__proto__ is not a key", text: `${MIN}systems:\n  __proto__: { paths: [a] }\n`, first: 'systems.__proto__: the key "__proto__" is not allowed (line 4, column 3)' },
    { rule: "unknown top-level key, with a suggestion", text: `${MIN}ownrs: ["@b"]\n`, first: 'ownrs: unknown key "ownrs" (did you mean "owners"?) (line 3, column 1)' },
    { rule: "unknown nested key, with a suggestion", text: `${MIN}systems:\n  erp: { paths: [a], feed: [crm] }\n`, first: 'systems.erp.feed: unknown key "feed" (did you mean "feeds"?) (line 4, column 22)' },
    {
      rule: "unknown key far from any, listing the valid ones",
      text: `${MIN}override: { label: x, allowed: ["@a"], reason: y }\n`,
      first: 'override.reason: unknown key "reason"; valid keys here: label, allowed (line 3, column 40)',
    },
    { rule: "booleans are true or false, not yes", text: `${MIN}comment: yes\n`, first: 'comment: must be true or false, not the text "yes" (line 3, column 10)' },
    { rule: "an unquoted @ is a YAML error with a fix", text: "version: 1\nowners: [@maria-ops]\n", first: 'owners[0]: @maria-ops must be in quotes: a YAML value cannot start with @ (write "@maria-ops") (line 2, column 10)' },
    { rule: "the document is a mapping", text: "- version: 1\n", first: "must be a mapping of keys (version, owners, ...), not a list (line 1, column 1)" },
    { rule: "the document is not a bare word", text: "integ-gate\n", first: 'must be a mapping of keys (version, owners, ...), not the string "integ-gate" (line 1, column 1)' },
    { rule: "only one document", text: `${MIN}---\n${MIN}`, first: "holds more than one YAML document (remove the second `---`) (line 3, column 1)" },
    { rule: "keys are plain words", text: `${MIN}? [a, b]\n: 1\n`, first: "keys must be plain words, not lists, mappings or aliases (line 3, column 3)" },
    { rule: "an alias needs its anchor", text: `${MIN}approval:\n  developers: *devs\n`, first: "approval.developers: alias *devs has no anchor &devs before it (line 4, column 15)" },
    { rule: "an alias is not inside what it names", text: `${MIN}integration: &loop { labels: [*loop] }\n`, first: "integration.labels[0]: alias *loop is inside the collection it names (line 3, column 31)" },
  ];

  it.each(cases)("$rule", ({ text, first }) => {
    const found = issues(text);
    expect(found[0]?.message).toBe(first);
    for (const issue of found) {
      expect(issue.line).toBeGreaterThanOrEqual(1);
      expect(issue.column).toBeGreaterThanOrEqual(1);
      expect(issue.message).not.toMatch(/Invalid input|expected \w+, received|Unrecognized key/);
    }
  });

  it("accepts approval.min above the people count when owners lists a team", () => {
    expect(valid('version: 1\nowners: ["@a", "@acme/owners"]\napproval: { min: 3 }\n').approval.min).toBe(3);
  });

  it("accepts approval.min equal to the number of distinct people", () => {
    expect(valid('version: 1\nowners: ["@a", "@b"]\napproval: { min: 2 }\n').approval.min).toBe(2);
  });

  it("accepts feeds cycles and a system feeding itself", () => {
    const config = valid(`${MIN}systems:\n  a: { paths: [a], feeds: [b, a] }\n  b: { paths: [b], feeds: [a] }\n`);
    expect(config.systems.map((s) => s.feeds)).toEqual([["b", "a"], ["a"]]);
  });

  it("accepts empty glob lists other than a system's paths", () => {
    const config = valid(`${MIN}integration: { labels: [], paths: [], branches: [] }\nrelease_note: { paths: [] }\n`);
    expect(config.integration).toEqual({ labels: [], paths: [], branches: [] });
    expect(config.releaseNote.paths).toEqual([]);
  });

  it("keeps a note channel when only one of the three is left", () => {
    expect(valid(`${MIN}release_note: { paths: [], inline_heading: "" , external_hosts: [docs.acme.com] }\n`).releaseNote.externalHosts).toEqual(["docs.acme.com"]);
    expect(valid(`${MIN}release_note: { paths: [] }\n`).releaseNote.inlineHeading).toBe(DEFAULT_INLINE_HEADING);
    expect(valid(`${MIN}release_note: { inline_heading: "" }\n`).releaseNote.paths).toEqual(DEFAULT_NOTE_PATHS);
  });

  it("accepts bot accounts and team slugs with dots and underscores", () => {
    const config = valid('version: 1\nowners: ["@renovate[bot]", "@Acme/Integration_Owners.eu"]\n');
    expect(config.owners).toEqual([
      { kind: "user", login: "renovate[bot]", raw: "@renovate[bot]" },
      { kind: "team", org: "Acme", slug: "Integration_Owners.eu", raw: "@Acme/Integration_Owners.eu" },
    ]);
  });

  it("accepts YAML aliases used within the limits", () => {
    const config = valid('version: 1\nowners: &owners ["@maria-ops"]\noverride: { label: x, allowed: *owners }\n');
    expect(config.override?.allowed).toEqual(config.owners);
  });
});

describe("parseIntegConfig: defaults (docs/configuration.md, the key table)", () => {
  it("fills every default for the smallest valid file", () => {
    const config = valid(MIN);
    expect(config).toEqual({
      version: 1,
      integration: { labels: [], paths: [], branches: [] },
      systems: [],
      departments: [],
      releaseNote: {
        paths: ["docs/release-notes/**/*.md"],
        inlineHeading: "Human release note",
        externalHosts: [],
        sections: ["What changes for you", "What you need to do", "Who to ask"],
        mentionDepartments: true,
        placeholders: ["TODO", "TBD", "FIXME", "lorem ipsum", "XXX"],
        minWords: 40,
        plainLanguage: { enforce: false, maxGrade: 9, maxSentenceWords: 30, jargon: new Map(), jargonAllow: [], knownAcronyms: [] },
      },
      owners: [{ kind: "user", login: "maria-ops", raw: "@maria-ops" }],
      approval: { min: 1, resetOn: "note-change", developers: [], requestReviews: false },
      override: null,
      comment: false,
      digest: { issue: false, mention: false },
    } satisfies IntegConfig);
    expect(config.releaseNote.sections).toEqual(DEFAULT_SECTIONS);
    expect(config.releaseNote.placeholders).toEqual(DEFAULT_PLACEHOLDERS);
  });

  it("resolves the complete example of docs/configuration.md", () => {
    const config = valid(fixture("valid-complete.yml"));
    expect(config.integration).toEqual({
      labels: ["integration"],
      paths: ["integrations/**", "etl/**"],
      branches: ["integration/**"],
    });
    expect(config.systems).toEqual([
      {
        name: "erp",
        paths: ["integrations/erp/**"],
        owners: [{ kind: "team", org: "acme", slug: "erp-owners", raw: "@acme/erp-owners" }],
        departments: ["finance", "warehouse"],
        feeds: ["crm", "logistics"],
      },
      { name: "crm", paths: ["integrations/crm/**"], owners: [], departments: ["sales"], feeds: [] },
      { name: "logistics", paths: ["integrations/logistics/**"], owners: [], departments: ["warehouse"], feeds: [] },
    ]);
    expect(config.departments).toEqual([
      {
        name: "finance",
        signoff: [{ kind: "team", org: "acme", slug: "finance-leads", raw: "@acme/finance-leads" }],
        aliases: ["accounting", "accounts payable"],
      },
      { name: "warehouse", signoff: [], aliases: [] },
      { name: "sales", signoff: [{ kind: "user", login: "dana-sales", raw: "@dana-sales" }], aliases: [] },
    ]);
    expect(config.releaseNote.externalHosts).toEqual(["acme.atlassian.net"]);
    expect(config.releaseNote.plainLanguage.jargon).toEqual(
      new Map<string, string | null>([
        ["synergy", null],
        ["idempotent", "safe to repeat"],
      ]),
    );
    expect(config.releaseNote.plainLanguage.jargonAllow).toEqual(["endpoint"]);
    expect(config.approval).toEqual({
      min: 1,
      resetOn: "note-change",
      developers: [{ kind: "team", org: "acme", slug: "engineering", raw: "@acme/engineering" }],
      requestReviews: false,
    });
    expect(config.override).toEqual({
      label: "integ-gate/override",
      allowed: [{ kind: "team", org: "acme", slug: "admins", raw: "@acme/admins" }],
    });
    expect(config.comment).toBe(false);
  });

  it("lower-cases external hosts and jargon_allow, keeps jargon as written", () => {
    const config = valid(
      `${MIN}release_note:\n  external_hosts: ["Acme.Atlassian.NET", "*.Example.com"]\n  plain_language:\n    jargon: ["SAP IDoc", { " Leverage ": " use " }]\n    jargon_allow: ["Endpoint"]\n`,
    );
    expect(config.releaseNote.externalHosts).toEqual(["acme.atlassian.net", "*.example.com"]);
    expect([...config.releaseNote.plainLanguage.jargon]).toEqual([
      ["SAP IDoc", null],
      ["Leverage", "use"],
    ]);
    expect(config.releaseNote.plainLanguage.jargonAllow).toEqual(["endpoint"]);
  });

  it("keeps systems and departments in file order, number-like names included", () => {
    const config = valid(
      `${MIN}systems:\n  zeta: { paths: [z], departments: ["2024", ops] }\n  "10": { paths: [t] }\n  alpha: { paths: [a] }\ndepartments:\n  ops: {}\n  "2024": {}\n`,
    );
    expect(config.systems.map((s) => s.name)).toEqual(["zeta", "10", "alpha"]);
    expect(config.departments.map((d) => d.name)).toEqual(["ops", "2024"]);
  });

  it("takes every value that overrides a default", () => {
    const config = valid(
      `${MIN}release_note:\n  sections: [Impact]\n  mention_departments: false\n  placeholders: []\n  min_words: 0\n  plain_language: { enforce: true, max_grade: 7.5, max_sentence_words: 20 }\napproval: { min: 1, reset_on: push, request_reviews: true }\ncomment: true\n`,
    );
    expect(config.releaseNote.sections).toEqual(["Impact"]);
    expect(config.releaseNote.mentionDepartments).toBe(false);
    expect(config.releaseNote.placeholders).toEqual([]);
    expect(config.releaseNote.minWords).toBe(0);
    expect(config.releaseNote.plainLanguage).toMatchObject({ enforce: true, maxGrade: 7.5, maxSentenceWords: 20 });
    expect(config.approval).toMatchObject({ resetOn: "push", requestReviews: true });
    expect(config.comment).toBe(true);
  });
});

describe("parseIntegConfig: warnings", () => {
  it("warns about a department no system lists", () => {
    const result = parseIntegConfig(`${MIN}departments:\n  legal: {}\n`);
    expect(result.ok && result.warnings.map((w) => w.message)).toEqual([
      "departments.legal: no system lists this department, so it is never impacted (line 4, column 3)",
    ]);
  });

  it("warns about a glob that starts with ./ or /", () => {
    const result = parseIntegConfig(`${MIN}integration:\n  paths: ["./etl/**", "/src/**", "etl/**"]\n`);
    expect(result.ok && result.warnings.map((w) => w.message)).toEqual([
      'integration.paths[0]: "./etl/**" never matches: paths are matched from the repository root, without a leading "./" or "/" (line 4, column 11)',
      'integration.paths[1]: "/src/**" never matches: paths are matched from the repository root, without a leading "./" or "/" (line 4, column 23)',
    ]);
  });

  it("has no warnings for the complete example", () => {
    const result = parseIntegConfig(fixture("valid-complete.yml"));
    expect(result.ok && result.warnings).toEqual([]);
  });
});
