import type { DepartmentConfig, IntegConfig } from "../config/integ-config.js";
import { evaluateReleaseNote, NO_NOTE_TITLE } from "../notes/evaluate-release-note.js";
import { listNoteCandidates } from "../notes/list-note-candidates.js";
import { parseMarkdownModel } from "../notes/parse-markdown-model.js";
import type { ReleaseNoteResult } from "../notes/release-note-result.js";
import { detectIntegration } from "../rules/detect-integration.js";
import { evaluateImpact } from "../rules/evaluate-impact.js";
import { evaluateOverride } from "../rules/evaluate-override.js";
import { evaluateOwnerApproval } from "../rules/owner-approval.rule.js";
import {
  DIGEST_SCHEMA,
  type DepartmentDigest,
  type DepartmentParts,
  type Digest,
  type DigestChange,
  type DigestInput,
  type DigestNoteRef,
  type MergedPullRequest,
  type UnjudgedMerge,
} from "./digest-model.js";
import { extractDepartmentParts, findNoteSections, type NoteSections } from "./extract-department-parts.js";
import { formatPeriod } from "./format-period.js";
import { trimTrailingSlashes } from "../paths/trim-trailing-slashes.js";

/** What became of one merged PR. */
type Judged =
  | { readonly kind: "change"; readonly change: DigestChange; readonly departments: readonly DepartmentConfig[] }
  | { readonly kind: "not-integration" }
  | { readonly kind: "unjudged"; readonly merge: UnjudgedMerge };

/**
 * Builds the digest of a window (docs/digest.md): each merged PR judged
 * with the gate's own rules on the config at its merge commit (integration
 * detection, impact, override, the release note as merged, eligible
 * approvals), then one digest per impacted department, newest change last,
 * and departments asked for by name. Pure.
 */
export function buildDigest(input: DigestInput): Digest {
  const server = trimTrailingSlashes(input.serverUrl);
  const judged = [...input.pullRequests]
    .sort((a, b) => Date.parse(a.mergedAt) - Date.parse(b.mergedAt) || a.facts.number - b.facts.number)
    .map((pr) => judgeMerge(pr, server));

  const changes: DigestChange[] = [];
  const unjudged: UnjudgedMerge[] = [];
  let notIntegration = 0;
  const known = new Map<string, DepartmentConfig>();
  for (const d of input.currentConfig?.departments ?? []) known.set(d.name, d);
  const byDepartment = new Map<string, DigestChange[]>();
  for (const j of judged) {
    if (j.kind === "not-integration") notIntegration += 1;
    else if (j.kind === "unjudged") unjudged.push(j.merge);
    else {
      changes.push(j.change);
      for (const d of j.departments) {
        if (!known.has(d.name)) known.set(d.name, d);
        const list = byDepartment.get(d.name) ?? [];
        list.push(j.change);
        byDepartment.set(d.name, list);
      }
    }
  }

  const unreadableTeams = new Set<string>();
  for (const pr of input.pullRequests) {
    for (const [key, team] of Object.entries(pr.facts.teams)) if (!team.readable) unreadableTeams.add(`@${key}`);
  }
  const order = [...known.keys()];
  const requested = input.requestedDepartments;
  const unknownDepartments = requested.filter((name) => !known.has(name));
  const wanted = requested.length > 0 ? order.filter((name) => requested.includes(name)) : order.filter((name) => byDepartment.has(name));
  const departments: DepartmentDigest[] = wanted.map((name) => {
    const config = known.get(name) as DepartmentConfig;
    return {
      department: name,
      aliases: config.aliases,
      signoff: config.signoff.map((s) => s.raw),
      changes: byDepartment.get(name) ?? [],
    };
  });

  return {
    schema: DIGEST_SCHEMA,
    repository: { owner: input.owner, repo: input.repo, url: `${server}/${input.owner}/${input.repo}`, defaultBranch: input.defaultBranch },
    window: { since: input.since, until: input.until, label: formatPeriod(input.since, input.until) },
    generatedAt: input.generatedAt,
    changes,
    departments,
    leftOut: { notIntegration, unjudged },
    unknownDepartments,
    unreadableTeams: [...unreadableTeams].sort(),
  };
}

function judgeMerge(pr: MergedPullRequest, server: string): Judged {
  const facts = pr.facts;
  if (pr.config.kind === "missing") return { kind: "not-integration" };
  if (pr.config.kind === "invalid") {
    return {
      kind: "unjudged",
      merge: {
        number: facts.number,
        title: facts.title,
        url: pr.url,
        mergedAt: pr.mergedAt,
        problem: `.integ.yml at the merge commit ${pr.config.problem}: its impact is not known`,
      },
    };
  }
  const config = pr.config.config;
  if (!detectIntegration(facts, config).gated) return { kind: "not-integration" };
  const impact = evaluateImpact(facts.files, config);
  const override = evaluateOverride(facts, config);
  const result = evaluateReleaseNote(facts, config, impact.impactedDepartments);
  const approval = evaluateOwnerApproval(facts, config, impact, result);
  const approvedBy = approval.reviewers
    .filter((r) => r.state === "APPROVED" && r.ineligible.length === 0 && r.listedFor.length > 0)
    .map((r) => r.login);

  const repoUrl = `${server}/${facts.owner}/${facts.repo}`;
  const found = readFoundNote(pr, result, config, repoUrl);
  const unreadable = found === null ? unreadableReason(pr, result) : null;
  const honoured = override.kind === "honoured" ? { by: override.by, at: override.at } : null;
  let status: DigestChange["status"];
  let statusText: string;
  if (honoured !== null && found === null) {
    status = "override";
    statusText = `merged by override (@${honoured.by}): no approved release note`;
  } else if (found === null && unreadable !== null) {
    status = "unreadable-note";
    statusText = "merged with a release note that could not be read at the merge commit";
  } else if (found === null) {
    status = "no-note";
    statusText = "merged without a release note";
  } else {
    status = "note";
    statusText = honoured !== null ? `merged by override (@${honoured.by}), with this release note` : "merged with this release note";
  }

  const parts: Record<string, DepartmentParts> = {};
  for (const d of impact.impactedDepartments) {
    parts[d.name] =
      found === null || found.sections === null
        ? { match: "none", concerns: [], followUps: [] }
        : extractDepartmentParts(found.sections, d);
  }
  const change: DigestChange = {
    number: facts.number,
    title: facts.title,
    url: pr.url,
    mergedAt: pr.mergedAt,
    mergeCommitSha: pr.mergeCommitSha,
    author: facts.author,
    approvedBy,
    status,
    statusText,
    override: honoured,
    note: found?.ref ?? null,
    noteTitle: found?.sections?.title ?? facts.title,
    problem: found !== null ? null : (unreadable ?? describeProblem(result.firstProblem)),
    systems: impact.impactedSystems.map((s) => s.name),
    departments: impact.impactedDepartments.map((d) => d.name),
    parts,
  };
  return { kind: "change", change, departments: impact.impactedDepartments };
}

/** The accepted note, with its sections when its text is known (in-repo and inline notes). */
function readFoundNote(
  pr: MergedPullRequest,
  result: ReleaseNoteResult,
  config: IntegConfig,
  repoUrl: string,
): { readonly ref: DigestNoteRef; readonly sections: NoteSections | null } | null {
  const note = result.note;
  if (note === null) return null;
  const sections = config.releaseNote.sections;
  switch (note.kind) {
    case "external":
      return { ref: { kind: "external", url: note.url, host: note.host }, sections: null };
    case "in-repo": {
      const file = pr.facts.noteFiles[note.path];
      const url = `${repoUrl}/blob/${pr.mergeCommitSha}/${note.path.split("/").map(encodeURIComponent).join("/")}`;
      const model = file?.kind === "text" ? parseMarkdownModel(file.text, { frontMatter: true }) : null;
      return {
        ref: { kind: "in-repo", path: note.path, url },
        sections: model === null ? null : findNoteSections({ model, inlineHeading: null }, sections),
      };
    }
    case "inline": {
      const list = listNoteCandidates(pr.facts.body, {
        owner: pr.facts.owner,
        repo: pr.facts.repo,
        serverUrl: pr.facts.serverUrl,
        headRepoFullName: pr.facts.headRepoFullName,
        config,
        files: pr.facts.files,
      });
      const heading = list.inlineSection;
      return {
        ref: { kind: "inline", heading: note.heading, url: pr.url },
        sections: heading === null ? null : findNoteSections({ model: list.model, inlineHeading: heading }, sections),
      };
    }
  }
}

/** Why the linked in-repo note could not be read at the merge commit, or null when that is not the problem. */
function unreadableReason(pr: MergedPullRequest, result: ReleaseNoteResult): string | null {
  for (const [path, reason] of Object.entries(pr.unreadableNotes)) {
    if (result.rejected.some((r) => r.text.includes(path))) return `${path} could not be read at the merge commit: ${reason}`;
  }
  const first = result.rejected.find((r) => /^(?:does not exist|was not read|is a binary file|is too large)/u.test(r.reason));
  return first === undefined ? null : `${first.text} ${atMerge(first.reason)}`;
}

/** The gate's first problem, said of a merged pull request ("Link a human release note…" is an instruction to its author). */
function describeProblem(firstProblem: string | null): string {
  if (firstProblem === null || firstProblem === NO_NOTE_TITLE) return "the pull request links no release note";
  return atMerge(firstProblem);
}

function atMerge(text: string): string {
  return text.replace(/at the head commit/gu, "at the merge commit");
}
