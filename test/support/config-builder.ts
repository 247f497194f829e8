import {
  DEFAULT_INLINE_HEADING,
  DEFAULT_MAX_GRADE,
  DEFAULT_MAX_SENTENCE_WORDS,
  DEFAULT_MIN_WORDS,
  DEFAULT_NOTE_PATHS,
  DEFAULT_PLACEHOLDERS,
  DEFAULT_SECTIONS,
} from "../../src/core/config/integ-config.js";
import type {
  ApprovalConfig,
  DepartmentConfig,
  Identity,
  IntegConfig,
  IntegrationSelectors,
  OverrideConfig,
  PlainLanguageConfig,
  ReleaseNoteConfig,
  SystemConfig,
} from "../../src/core/config/integ-config.js";

/** An identity as a test may write it: the resolved object or the raw "@user" / "@org/team". */
export type IdentityLike = Identity | string;

export interface SystemLike {
  readonly name: string;
  readonly paths?: readonly string[];
  readonly owners?: readonly IdentityLike[];
  readonly departments?: readonly string[];
  readonly feeds?: readonly string[];
}

export interface DepartmentLike {
  readonly name: string;
  readonly signoff?: readonly IdentityLike[];
  readonly aliases?: readonly string[];
}

/** What a test may override; nested objects are merged with the defaults. */
export interface ConfigOverrides {
  readonly integration?: Partial<IntegrationSelectors>;
  readonly systems?: readonly SystemLike[];
  readonly departments?: readonly DepartmentLike[];
  readonly releaseNote?: Partial<Omit<ReleaseNoteConfig, "plainLanguage">> & {
    readonly plainLanguage?: Partial<PlainLanguageConfig>;
  };
  readonly owners?: readonly IdentityLike[];
  readonly approval?: Partial<Omit<ApprovalConfig, "developers">> & { readonly developers?: readonly IdentityLike[] };
  readonly override?: { readonly label: string; readonly allowed: readonly IdentityLike[] } | null;
  readonly comment?: boolean;
}

/** "@user" or "@org/team" to an Identity (no validation: tests pass what they mean). */
export function toIdentity(value: IdentityLike): Identity {
  if (typeof value !== "string") return value;
  const body = value.startsWith("@") ? value.slice(1) : value;
  const slash = body.indexOf("/");
  if (slash === -1) return { kind: "user", login: body, raw: value };
  return { kind: "team", org: body.slice(0, slash), slug: body.slice(slash + 1), raw: value };
}

/**
 * Test helper: a resolved `IntegConfig` with the defaults of docs/configuration.md#keys, as the
 * parser would produce for a file that only says `version: 1` and
 * `owners: ["@maria-ops"]`, overridden by what the test passes.
 */
export function buildConfig(overrides: ConfigOverrides = {}): IntegConfig {
  const note = overrides.releaseNote ?? {};
  const plain = note.plainLanguage ?? {};
  const approval = overrides.approval ?? {};
  const override: OverrideConfig | null =
    overrides.override === undefined || overrides.override === null
      ? null
      : { label: overrides.override.label, allowed: overrides.override.allowed.map(toIdentity) };
  const systems: SystemConfig[] = (overrides.systems ?? []).map((s) => ({
    name: s.name,
    paths: s.paths ?? [`integrations/${s.name}/**`],
    owners: (s.owners ?? []).map(toIdentity),
    departments: s.departments ?? [],
    feeds: s.feeds ?? [],
  }));
  const departments: DepartmentConfig[] = (overrides.departments ?? []).map((d) => ({
    name: d.name,
    signoff: (d.signoff ?? []).map(toIdentity),
    aliases: d.aliases ?? [],
  }));
  return {
    version: 1,
    integration: { labels: [], paths: [], branches: [], ...overrides.integration },
    systems,
    departments,
    releaseNote: {
      paths: DEFAULT_NOTE_PATHS,
      inlineHeading: DEFAULT_INLINE_HEADING,
      externalHosts: [],
      sections: DEFAULT_SECTIONS,
      mentionDepartments: true,
      placeholders: DEFAULT_PLACEHOLDERS,
      minWords: DEFAULT_MIN_WORDS,
      ...note,
      plainLanguage: {
        enforce: false,
        maxGrade: DEFAULT_MAX_GRADE,
        maxSentenceWords: DEFAULT_MAX_SENTENCE_WORDS,
        jargon: new Map(),
        jargonAllow: [],
        ...plain,
      },
    },
    owners: (overrides.owners ?? ["@maria-ops"]).map(toIdentity),
    approval: {
      min: 1,
      resetOn: "note-change",
      requestReviews: false,
      ...approval,
      developers: (approval.developers ?? []).map(toIdentity),
    },
    override,
    comment: overrides.comment ?? false,
    digest: { issue: false, mention: false },
  };
}
