// A namespace import, not `import { z }`: the bundler can then leave out what the
// schema never uses, such as zod's 62 other locales (docs/performance.md#action-start-up).
import * as z from "zod";

/**
 * Every default of `.integ.yml`, stated once, here: the schema below
 * publishes them (the JSON Schema's `default`s, the key table of
 * docs/configuration.md#keys) and `resolveIntegConfig` applies them. An
 * optional list that is absent is empty.
 */
export const INTEG_CONFIG_DEFAULTS = {
  release_note: {
    paths: ["docs/release-notes/**/*.md"],
    inline_heading: "Human release note",
    sections: ["What changes for you", "What you need to do", "Who to ask"],
    mention_departments: true,
    placeholders: ["TODO", "TBD", "FIXME", "lorem ipsum", "XXX"],
    min_words: 40,
    plain_language: { enforce: false, max_grade: 9, max_sentence_words: 30 },
  },
  approval: { min: 1, reset_on: "note-change", request_reviews: false },
  comment: false,
  digest: { issue: false, mention: false },
} as const;

const D = INTEG_CONFIG_DEFAULTS;

/**
 * The one schema for `.integ.yml` (version 1). It is the source of truth for
 * the TypeScript types, for validation, and for the published JSON Schema
 * (`schema/integ.schema.json`, written by `npm run schema`).
 *
 * Cross-field rules that JSON Schema cannot express (feeds name defined
 * systems, `approval.min` against the owners list, ...) live in
 * `parse-integ-config.ts`.
 */

/** GitHub login: 1-39 chars, alphanumerics and single hyphens, no leading/trailing hyphen. */
const LOGIN = "[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}";
/** Team slug: GitHub slugs are lower-case alphanumerics, `-` and `_`; we accept any case and compare case-insensitively. */
const TEAM_SLUG = "\\w(?:[\\w.-]{0,98}\\w)?";
export const IDENTITY_PATTERN = new RegExp(`^@${LOGIN}(?:\\[bot\\])?$|^@${LOGIN}/${TEAM_SLUG}$`);

export const identity = z
  .string()
  .regex(IDENTITY_PATTERN, { message: "is not @user or @org/team" })
  .describe('A GitHub account "@user" or a team "@org/team-slug" (compared case-insensitively).');

const identityList = z.array(identity);

/** A host name, optionally `*.` for subdomains; no scheme, port or path. Compared lower-case. */
const HOST_LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
export const HOST_PATTERN = new RegExp(`^(?:\\*\\.)?${HOST_LABEL}(?:\\.${HOST_LABEL})*$`);

const glob = z.string().min(1, { message: "must be a non-empty glob" });
const globList = z
  .array(glob)
  .describe("picomatch-style globs (`**`, `*`, `{a,b}`), case-sensitive, whole paths, dotfiles included.");

/** A word or phrase: at least one character that is not white space. */
const phrase = z
  .string()
  .regex(/\S/, { message: "must be a non-empty word or phrase" })
  // Longer than any real phrase; each is matched as a pattern in every note (docs/security.md).
  .max(200, { message: "must be a word or phrase of at most 200 characters" });

export const systemSchema = z
  .strictObject({
    paths: z
      .array(glob)
      .min(1, { message: "must list at least one path glob" })
      .describe("Files that belong to this system. A changed file here makes the system touched."),
    owners: identityList
      .optional()
      .describe("When this system is touched, one of them must approve too."),
    departments: z
      .array(z.string().min(1))
      .optional()
      .describe("Departments (keys under `departments`) whose work changes after a change here."),
    feeds: z
      .array(z.string().min(1))
      .optional()
      .describe("Downstream systems (keys under `systems`). Cycles are allowed."),
  })
  .describe("A business system this repository integrates.");

export const departmentSchema = z
  .strictObject({
    signoff: identityList
      .optional()
      .describe("Who signs off for the department: when it is impacted, one of them must approve."),
    aliases: z
      .array(phrase)
      .optional()
      .describe("Other names a release note may use for the department."),
  })
  .describe("A department whose work may change.");

export const jargonEntry = z.union(
  [
    phrase,
    z
      .record(phrase, phrase)
      .refine((r) => Object.keys(r).length === 1, { message: "must map exactly one word to its plainer wording" }),
  ],
  { message: 'must be a word or phrase, or { "word or phrase": "plainer wording" }' },
);

export const plainLanguageSchema = z
  .strictObject({
    enforce: z
      .boolean()
      .optional()
      .describe("false: findings are warnings; true: they fail the check.")
      .meta({ default: D.release_note.plain_language.enforce }),
    max_grade: z
      .number()
      .positive()
      .optional()
      .describe("Highest Flesch-Kincaid grade level of the whole note (notes of 100 words or more).")
      .meta({ default: D.release_note.plain_language.max_grade }),
    max_sentence_words: z
      .number()
      .positive()
      .optional()
      .describe("Longest sentence, in words.")
      .meta({ default: D.release_note.plain_language.max_sentence_words }),
    jargon: z
      .array(jargonEntry)
      .optional()
      .describe('Added to the built-in jargon list: "word" or { word: "plainer wording" }.'),
    jargon_allow: z.array(phrase).optional().describe("Built-in jargon words this audience does understand."),
    known_acronyms: z
      .array(phrase)
      .optional()
      .describe(
        'Acronyms every reader of your notes knows (e.g. "NHS", "GP", "BACS"): never reported as "not spelled out". System and department names are known already.',
      ),
  })
  .describe("Plain-language analysis of the note.");

export const releaseNoteSchema = z
  .strictObject({
    paths: globList
      .optional()
      .describe("In-repo note files the PR body may link to.")
      .meta({ default: [...D.release_note.paths] }),
    inline_heading: z
      .string()
      .optional()
      .describe('A section with this heading in the PR body is the note; "" disables inline notes.')
      .meta({ default: D.release_note.inline_heading }),
    external_hosts: z
      .array(z.string().regex(HOST_PATTERN, { message: "is not a host name such as acme.atlassian.net (no https://, no path)" }))
      .optional()
      .describe("Links to these hosts count as a note, but are not read. `*.example.com` allows subdomains.")
      .meta({ default: [] }),
    sections: z
      .array(phrase)
      .optional()
      .describe("Headings the note must have, each with prose.")
      .meta({ default: [...D.release_note.sections] }),
    mention_departments: z
      .boolean()
      .optional()
      .describe("The note names every impacted department.")
      .meta({ default: D.release_note.mention_departments }),
    placeholders: z
      .array(phrase)
      .max(100, { message: "lists at most 100 placeholders" })
      .optional()
      .describe("Words that must not appear in the note (case-insensitive).")
      .meta({ default: [...D.release_note.placeholders] }),
    min_words: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe("Fewest words of prose.")
      .meta({ default: D.release_note.min_words }),
    plain_language: plainLanguageSchema.optional(),
  })
  .describe("The human release note.");

export const approvalSchema = z
  .strictObject({
    min: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe("Approvals needed from `owners`; not more than the number of @user owners when owners lists no team.")
      .meta({ default: D.approval.min }),
    reset_on: z
      .enum(["push", "note-change", "never"])
      .optional()
      .describe("When an approval stops counting: push | note-change | never.")
      .meta({ default: D.approval.reset_on }),
    developers: identityList.optional().describe("Never count as non-developer approvers.").meta({ default: [] }),
    request_reviews: z
      .boolean()
      .optional()
      .describe("Ask the awaited owners for a review when the note is ready.")
      .meta({ default: D.approval.request_reviews }),
  })
  .describe("Who must approve, and how.");

export const overrideSchema = z
  .strictObject({
    label: z.string().min(1).describe("The label that overrides the gate."),
    allowed: identityList.min(1, { message: "must list at least one entry" }).describe("Who may apply the label."),
  })
  .describe("Break glass: an allowed person may override the gate; the override is recorded.");

export const integrationSchema = z
  .strictObject({
    labels: z.array(z.string().min(1)).optional().describe("Any of these labels is on the PR."),
    paths: globList.optional().describe("Any changed file matches (renames: old or new path)."),
    branches: globList.optional().describe("The head branch name matches."),
  })
  .describe("Which pull requests are integration pull requests.");

export const digestSchema = z
  .strictObject({
    issue: z
      .boolean()
      .optional()
      .describe("The Action's digest mode opens or updates one issue per department and period.")
      .meta({ default: D.digest.issue }),
    mention: z
      .boolean()
      .optional()
      .describe("That issue mentions the department's signoff people.")
      .meta({ default: D.digest.mention }),
  })
  .describe("The digest of merged release notes, per department (docs/digest.md).");

/** The raw `.integ.yml` as written by a repo admin (before defaults). */
export const integConfigSchema = z
  .strictObject({
    version: z.literal(1, { message: "must be the integer 1" }).describe("Always 1."),
    integration: integrationSchema.optional(),
    systems: z.record(z.string().min(1), systemSchema).optional().describe("The dependency map."),
    departments: z.record(z.string().min(1), departmentSchema).optional().describe("Departments named above."),
    release_note: releaseNoteSchema.optional(),
    owners: identityList
      .min(1, { message: "must list at least one entry" })
      .describe('Integration owners: "@user" or "@org/team-slug".'),
    approval: approvalSchema.optional(),
    override: overrideSchema.optional(),
    comment: z.boolean().optional().describe("Keep one up-to-date summary comment on the PR.").meta({ default: D.comment }),
    digest: digestSchema.optional(),
  })
  .describe("integ-gate configuration (.integ.yml), version 1.");

export type RawIntegConfig = z.infer<typeof integConfigSchema>;
