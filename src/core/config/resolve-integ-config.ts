import type { DepartmentConfig, Identity, IntegConfig, SystemConfig } from "./integ-config.js";
import { INTEG_CONFIG_DEFAULTS as D, type RawIntegConfig } from "./integ-config.schema.js";
import { parseIdentity } from "./parse-identity.js";

/** Key order as written in the file (JS objects put integer-like keys first). */
export interface KeyOrder {
  readonly systems: readonly string[];
  readonly departments: readonly string[];
}

/**
 * Applies the defaults (INTEG_CONFIG_DEFAULTS, in the schema; docs/configuration.md#keys) to a validated `.integ.yml`:
 * identities parsed, `external_hosts` lower-cased, `jargon` as a map,
 * `jargon_allow` lower-cased, systems and departments in file order.
 */
export function resolveIntegConfig(raw: RawIntegConfig, order?: KeyOrder): IntegConfig {
  const note = raw.release_note ?? {};
  const plain = note.plain_language ?? {};
  const approval = raw.approval ?? {};
  const systems = raw.systems ?? {};
  const departments = raw.departments ?? {};

  const jargon = new Map<string, string | null>();
  for (const entry of plain.jargon ?? []) {
    if (typeof entry === "string") jargon.set(entry.trim(), null);
    else for (const [word, plainer] of Object.entries(entry)) jargon.set(word.trim(), plainer.trim());
  }

  const systemList: SystemConfig[] = inOrder(systems, order?.systems).map(([name, system]) => ({
    name,
    paths: system.paths,
    owners: toIdentities(system.owners),
    departments: system.departments ?? [],
    feeds: system.feeds ?? [],
  }));
  const departmentList: DepartmentConfig[] = inOrder(departments, order?.departments).map(([name, department]) => ({
    name,
    signoff: toIdentities(department.signoff),
    aliases: (department.aliases ?? []).map((alias) => alias.trim()),
  }));

  return {
    version: 1,
    integration: {
      labels: raw.integration?.labels ?? [],
      paths: raw.integration?.paths ?? [],
      branches: raw.integration?.branches ?? [],
    },
    systems: systemList,
    departments: departmentList,
    releaseNote: {
      paths: note.paths ?? D.release_note.paths,
      inlineHeading: note.inline_heading ?? D.release_note.inline_heading,
      externalHosts: (note.external_hosts ?? []).map((host) => host.toLowerCase()),
      sections: note.sections ?? D.release_note.sections,
      mentionDepartments: note.mention_departments ?? D.release_note.mention_departments,
      placeholders: note.placeholders ?? D.release_note.placeholders,
      minWords: note.min_words ?? D.release_note.min_words,
      plainLanguage: {
        enforce: plain.enforce ?? D.release_note.plain_language.enforce,
        maxGrade: plain.max_grade ?? D.release_note.plain_language.max_grade,
        maxSentenceWords: plain.max_sentence_words ?? D.release_note.plain_language.max_sentence_words,
        jargon,
        jargonAllow: (plain.jargon_allow ?? []).map((word) => word.trim().toLowerCase()),
        knownAcronyms: (plain.known_acronyms ?? []).map((word) => word.trim().toUpperCase()),
      },
    },
    owners: toIdentities(raw.owners),
    approval: {
      min: approval.min ?? D.approval.min,
      resetOn: approval.reset_on ?? D.approval.reset_on,
      developers: toIdentities(approval.developers),
      requestReviews: approval.request_reviews ?? D.approval.request_reviews,
    },
    override: raw.override ? { label: raw.override.label, allowed: toIdentities(raw.override.allowed) } : null,
    comment: raw.comment ?? D.comment,
    digest: { issue: raw.digest?.issue ?? D.digest.issue, mention: raw.digest?.mention ?? D.digest.mention },
  };
}

function toIdentities(list: readonly string[] | undefined): Identity[] {
  const out: Identity[] = [];
  for (const raw of list ?? []) {
    const identity = parseIdentity(raw);
    // The schema has already checked every entry; this only narrows the type.
    if (identity !== null) out.push(identity);
  }
  return out;
}

/** Entries of `record` in `order` (file order) where given, else in object order. */
function inOrder<T>(record: Readonly<Record<string, T>>, order: readonly string[] | undefined): Array<[string, T]> {
  const names = order && order.length === Object.keys(record).length ? order : Object.keys(record);
  const out: Array<[string, T]> = [];
  for (const name of names) {
    if (Object.hasOwn(record, name)) out.push([name, record[name] as T]);
  }
  return out;
}
