/**
 * `.integ.yml` after validation, with every default applied (docs/configuration.md#keys).
 * This is what the rules read; `parseIntegConfig` produces it.
 */
import { INTEG_CONFIG_DEFAULTS } from "./integ-config.schema.js";

/** A GitHub identity from the config: `@user` or `@org/team`. */
export type Identity =
  | { readonly kind: "user"; readonly login: string; readonly raw: string }
  | { readonly kind: "team"; readonly org: string; readonly slug: string; readonly raw: string };

export interface SystemConfig {
  readonly name: string;
  readonly paths: readonly string[];
  readonly owners: readonly Identity[];
  readonly departments: readonly string[];
  readonly feeds: readonly string[];
}

export interface DepartmentConfig {
  readonly name: string;
  readonly signoff: readonly Identity[];
  readonly aliases: readonly string[];
}

export interface PlainLanguageConfig {
  readonly enforce: boolean;
  readonly maxGrade: number;
  readonly maxSentenceWords: number;
  /** Extra jargon: word or phrase -> plainer wording (null when none is given). */
  readonly jargon: ReadonlyMap<string, string | null>;
  /** Built-in jargon words removed from the list (lower-case). */
  readonly jargonAllow: readonly string[];
  /** Acronyms the readers use every day (upper-case): never "not spelled out". Absent: none. */
  readonly knownAcronyms?: readonly string[];
}

export interface ReleaseNoteConfig {
  readonly paths: readonly string[];
  /** "" disables inline notes. */
  readonly inlineHeading: string;
  /** Lower-case; an entry `*.example.com` also allows subdomains. */
  readonly externalHosts: readonly string[];
  readonly sections: readonly string[];
  readonly mentionDepartments: boolean;
  readonly placeholders: readonly string[];
  readonly minWords: number;
  readonly plainLanguage: PlainLanguageConfig;
}

export type ResetOn = "push" | "note-change" | "never";

export interface ApprovalConfig {
  readonly min: number;
  readonly resetOn: ResetOn;
  readonly developers: readonly Identity[];
  readonly requestReviews: boolean;
}

export interface OverrideConfig {
  readonly label: string;
  readonly allowed: readonly Identity[];
}

export interface IntegrationSelectors {
  readonly labels: readonly string[];
  readonly paths: readonly string[];
  readonly branches: readonly string[];
}

/** The digest of merged notes (docs/digest.md). */
export interface DigestConfig {
  /** The Action's digest mode opens or updates one issue per department and period. */
  readonly issue: boolean;
  /** That issue mentions the department's `signoff` people. */
  readonly mention: boolean;
}

export interface IntegConfig {
  readonly version: 1;
  readonly integration: IntegrationSelectors;
  /** In file order. */
  readonly systems: readonly SystemConfig[];
  /** In file order. */
  readonly departments: readonly DepartmentConfig[];
  readonly releaseNote: ReleaseNoteConfig;
  readonly owners: readonly Identity[];
  readonly approval: ApprovalConfig;
  readonly override: OverrideConfig | null;
  readonly comment: boolean;
  readonly digest: DigestConfig;
}

// The defaults are stated once, in the schema (INTEG_CONFIG_DEFAULTS); these names are kept for their users.
export const DEFAULT_NOTE_PATHS: readonly string[] = INTEG_CONFIG_DEFAULTS.release_note.paths;
export const DEFAULT_INLINE_HEADING: string = INTEG_CONFIG_DEFAULTS.release_note.inline_heading;
export const DEFAULT_SECTIONS: readonly string[] = INTEG_CONFIG_DEFAULTS.release_note.sections;
export const DEFAULT_PLACEHOLDERS: readonly string[] = INTEG_CONFIG_DEFAULTS.release_note.placeholders;
export const DEFAULT_MIN_WORDS: number = INTEG_CONFIG_DEFAULTS.release_note.min_words;
export const DEFAULT_MAX_GRADE: number = INTEG_CONFIG_DEFAULTS.release_note.plain_language.max_grade;
export const DEFAULT_MAX_SENTENCE_WORDS: number = INTEG_CONFIG_DEFAULTS.release_note.plain_language.max_sentence_words;
/** The file name, at the repository root. */
export const CONFIG_PATH = ".integ.yml";
