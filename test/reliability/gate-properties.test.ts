import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import type { IntegConfig } from "../../src/core/config/integ-config.js";
import { parseIntegConfig } from "../../src/core/config/parse-integ-config.js";
import type { CommitFacts, LabelEvent, NoteFile, PullRequestFacts, ReviewFacts, TeamFacts } from "../../src/core/facts/pull-request-facts.js";
import { evaluateReleaseNote } from "../../src/core/notes/evaluate-release-note.js";
import { evaluateGate } from "../../src/core/rules/evaluate-gate.js";
import { buildConfig } from "../support/config-builder.js";
import { buildFacts, changedFile, HEAD_SHA, identityOf } from "../support/facts-builder.js";
import { NOTE_TEXT } from "../support/github-fixtures.js";

/**
 * Property tests over the three pure pieces the gate trusts: the config
 * parser, the release-note finder and evaluateGate. The invariants are the
 * safety ones: nothing throws, and nothing passes without the reason
 * docs/checks.md requires, checked by an oracle written independently of the rules.
 * Each evaluation is timed (measured, not asserted) and the slowest is printed.
 */

const timings = { evaluations: 0, slowestMs: 0 };
function timed<T>(work: () => T): T {
  const started = performance.now();
  const result = work();
  const ms = performance.now() - started;
  timings.evaluations += 1;
  if (ms > timings.slowestMs) timings.slowestMs = ms;
  return result;
}
afterAll(() => {
  console.info(`gate properties: ${timings.evaluations} evaluations, slowest ${timings.slowestMs.toFixed(1)} ms`);
});

const NOTE = "docs/release-notes/a.md";
const OVERRIDE = "integ-gate/override";
const LOGINS = ["maria-ops", "MARIA-OPS", "dev-alice", "dev-bob", "admin-ann", "fin-lead", "outsider", "web-flow", "renovate[bot]"] as const;
const login = fc.constantFrom(...LOGINS);
const lower = (s: string | null | undefined): string => (s ?? "").toLowerCase();

// ---- arbitraries --------------------------------------------------------------------------------

const identities = fc.uniqueArray(fc.constantFrom("@maria-ops", "@dev-bob", "@admin-ann", "@fin-lead", "@acme/owners", "@acme/devs"), { minLength: 1, maxLength: 3 });

const configArb: fc.Arbitrary<IntegConfig> = fc
  .record({
    owners: identities,
    developers: fc.uniqueArray(fc.constantFrom("@dev-alice", "@dev-bob", "@acme/devs"), { maxLength: 2 }),
    min: fc.integer({ min: 1, max: 2 }),
    resetOn: fc.constantFrom("push" as const, "note-change" as const, "never" as const),
    override: fc.option(fc.record({ label: fc.constant(OVERRIDE), allowed: identities }), { nil: null }),
    gateAll: fc.boolean(),
    inline: fc.constantFrom("Human release note", ""),
    externalHosts: fc.constantFrom([] as string[], ["acme.atlassian.net"]),
  })
  .map((c) =>
    buildConfig({
      owners: c.owners,
      approval: { min: c.min, resetOn: c.resetOn, developers: c.developers },
      override: c.override,
      ...(c.gateAll ? {} : { systems: [{ name: "erp" }] }),
      releaseNote: { inlineHeading: c.inline, externalHosts: c.externalHosts, minWords: 20 },
    }),
  );

const bodyPieces = [
  `[note](${NOTE})`, `<${NOTE}>`, "https://github.com/acme/integrations/blob/main/docs/release-notes/a.md", "https://acme.atlassian.net/wiki/x",
  "https://evil.example/docs/release-notes/a.md", "javascript:alert(1)", "## Human release note\n", "## What changes for you\n",
  "Finance staff see product ids on every order screen from Monday. ", "```\n", "<!-- ", " -->", "TODO ", "\n\n", "docs/release-notes/a.md ",
];
const bodyArb = fc.oneof(
  { arbitrary: fc.constant(`Release note: [note](${NOTE})`), weight: 2 },
  { arbitrary: fc.array(fc.oneof(fc.constantFrom(...bodyPieces), fc.string({ maxLength: 8 })), { maxLength: 12 }).map((parts) => parts.join("")), weight: 3 },
);

const validNote: NoteFile = { kind: "text", path: NOTE, blobSha: "blob-a", text: NOTE_TEXT };
const noteFileArb: fc.Arbitrary<NoteFile | null> = fc.constantFrom<NoteFile | null>(
  null,
  validNote,
  validNote,
  validNote,
  { kind: "text", path: NOTE, blobSha: "blob-b", text: "TODO" },
  { kind: "missing", path: NOTE },
  { kind: "binary", path: NOTE, blobSha: "blob-c" },
  { kind: "too-large", path: NOTE, blobSha: "blob-d", byteSize: 2_000_000 },
);

const commitArb: fc.Arbitrary<CommitFacts> = fc
  .record({
    sha: fc.constantFrom("c1", "c2", "c3", HEAD_SHA),
    author: fc.oneof({ arbitrary: fc.constant("dev-alice"), weight: 4 }, { arbitrary: login, weight: 1 }),
    coAuthors: fc.oneof({ arbitrary: fc.constant<string[]>([]), weight: 4 }, { arbitrary: fc.array<string>(login, { maxLength: 2 }), weight: 1 }),
    committer: fc.oneof({ arbitrary: fc.constantFrom("dev-alice", "web-flow"), weight: 4 }, { arbitrary: login, weight: 1 }),
  })
  .map((c) => ({
    sha: c.sha,
    message: "change",
    authors: [identityOf(c.author), ...c.coAuthors.map((a) => identityOf(a))],
    committer: identityOf(c.committer),
    parentShas: ["p"],
  }));

const reviewArb: fc.Arbitrary<Omit<ReviewFacts, "id" | "submittedAt">> = fc.record({
  author: fc.option(fc.oneof({ arbitrary: fc.constant("maria-ops"), weight: 3 }, { arbitrary: login, weight: 2 }), { nil: null }),
  state: fc.constantFrom("APPROVED" as const, "APPROVED" as const, "CHANGES_REQUESTED" as const, "DISMISSED" as const, "COMMENTED" as const),
  commitSha: fc.constantFrom(HEAD_SHA, "c1", null),
});

const teamArb: fc.Arbitrary<TeamFacts> = fc.oneof(
  { arbitrary: fc.uniqueArray(login, { maxLength: 3 }).map((members): TeamFacts => ({ readable: true, members })), weight: 5 },
  { arbitrary: fc.constant<TeamFacts>({ readable: false, reason: "403 Forbidden" }), weight: 1 },
);

const factsArb: fc.Arbitrary<PullRequestFacts> = fc
  .record({
    author: fc.option(login, { nil: null }),
    body: bodyArb,
    note: noteFileArb,
    files: fc.oneof(
      { arbitrary: fc.constant<string[]>(["integrations/erp/x.ts", NOTE]), weight: 2 },
      { arbitrary: fc.subarray<string>(["integrations/erp/x.ts", "README.md", NOTE]), weight: 1 },
    ),
    commits: fc.array(commitArb, { maxLength: 3 }),
    reviews: fc.array(reviewArb, { maxLength: 5 }),
    labelEvents: fc.array(fc.record({ kind: fc.constantFrom("labeled" as const, "unlabeled" as const), actor: fc.option(login, { nil: null }) }), { maxLength: 3 }),
    owners: teamArb,
    devs: teamArb,
    bodyEditedAfterReviews: fc.boolean(),
  })
  .map((f) => {
    const labelEvents: LabelEvent[] = f.labelEvents.map((e, i) => ({ ...e, label: OVERRIDE, at: `2024-01-0${i + 2}T10:00:00Z` }));
    const labelled = labelEvents.at(-1)?.kind === "labeled";
    return buildFacts({
      author: f.author,
      body: f.body,
      bodyLastEditedAt: f.bodyEditedAfterReviews ? "2024-02-01T00:00:00Z" : null,
      noteFiles: f.note === null ? {} : { [NOTE]: f.note },
      noteBlobsAt: { c1: { [NOTE]: "blob-a" }, [HEAD_SHA]: { [NOTE]: f.note?.kind === "text" ? f.note.blobSha : null } },
      files: f.files.map((p) => changedFile(p)),
      changedFilesCount: f.files.length,
      commits: f.commits,
      commitsCount: f.commits.length,
      reviews: f.reviews.map((r, i) => ({ ...r, id: `r${i}`, submittedAt: `2024-01-1${i}T10:00:00Z` })),
      labels: labelled ? [OVERRIDE] : [],
      labelEvents,
      teams: { "acme/owners": f.owners, "acme/devs": f.devs },
    });
  });

// ---- the oracle ---------------------------------------------------------------------------------

/** Logins an identity list names (users, and members of readable teams), lower case. */
function namedBy(list: IntegConfig["owners"], facts: PullRequestFacts): Set<string> {
  const out = new Set<string>();
  for (const entry of list) {
    if (entry.kind === "user") out.add(lower(entry.login));
    else {
      const team = facts.teams[`${entry.org}/${entry.slug}`.toLowerCase()];
      if (team?.readable === true) for (const m of team.members) out.add(lower(m));
    }
  }
  return out;
}

/** docs/checks.md#the-override-break-glass: the label is on, and its latest `labeled` event is by someone allowed. */
function overrideHonoured(config: IntegConfig, facts: PullRequestFacts): boolean {
  if (config.override === null || !facts.labels.includes(config.override.label)) return false;
  const latest = facts.labelEvents.filter((e) => e.kind === "labeled" && e.label === config.override?.label).at(-1);
  return latest !== undefined && namedBy(config.override.allowed, facts).has(lower(latest.actor));
}

/** Reviewers whose latest decisive review approves and who could ever count (a necessary condition only). */
function possibleApprovers(config: IntegConfig, facts: PullRequestFacts): Set<string> {
  const latest = new Map<string, ReviewFacts["state"]>();
  for (const r of facts.reviews) if (r.author !== null && r.state !== "COMMENTED" && r.state !== "PENDING") latest.set(lower(r.author), r.state);
  const owners = namedBy(config.owners, facts);
  const developers = namedBy(config.approval.developers, facts);
  const wrote = new Set<string>();
  for (const c of facts.commits) for (const who of [...c.authors, c.committer]) if (who.login !== null) wrote.add(lower(who.login));
  const out = new Set<string>();
  for (const [who, state] of latest) {
    if (state !== "APPROVED" || !owners.has(who) || who === lower(facts.author) || developers.has(who)) continue;
    if (wrote.has(who) && who !== "web-flow" && !who.endsWith("[bot]")) continue;
    out.add(who);
  }
  return out;
}

/** Something in the description that could be a note at all (in-repo text file, inline section, allowed external host). */
function noteCandidateExists(config: IntegConfig, facts: PullRequestFacts): boolean {
  const inRepo = facts.noteFiles[NOTE]?.kind === "text" && facts.body.includes(NOTE);
  const inline = config.releaseNote.inlineHeading !== "" && lower(facts.body).includes(lower(config.releaseNote.inlineHeading));
  const external = config.releaseNote.externalHosts.some((host) => facts.body.includes(`https://${host}/`));
  return inRepo || inline || external;
}

// ---- properties ---------------------------------------------------------------------------------

describe("evaluateGate on random facts and configs", () => {
  it("never throws, always decides both checks, and never passes without a reason the checks allow", () => {
    const seen = { approvalPass: 0, notePass: 0, overridden: 0 };
    fc.assert(
      fc.property(configArb, factsArb, (config, facts) => {
        const verdict = timed(() => evaluateGate({ kind: "ready", config, facts }));
        expect(verdict).not.toBeNull();
        if (verdict === null) return;
        for (const check of [verdict.releaseNote, verdict.ownerApproval]) {
          expect(check.title.length).toBeGreaterThan(0);
          expect(check.title).not.toMatch(/integ-gate failed/i);
        }
        const overridden = overrideHonoured(config, facts);
        if (overridden) seen.overridden += 1;
        else if (verdict.ownerApproval.outcome === "pass") seen.approvalPass += 1;
        if (!overridden && verdict.releaseNote.outcome === "pass") seen.notePass += 1;
        if (verdict.ownerApproval.outcome === "pass" && !overridden) {
          expect(possibleApprovers(config, facts).size).toBeGreaterThanOrEqual(config.approval.min);
        }
        if (verdict.releaseNote.outcome === "pass" && !overridden) {
          expect(noteCandidateExists(config, facts)).toBe(true);
        }
        if (overridden) expect(verdict.ownerApproval.title).toMatch(/^Overridden by @/);
        // A note that is not valid never lets owner-approval pass under note-change.
        if (config.approval.resetOn === "note-change" && verdict.releaseNote.outcome !== "pass" && !overridden) {
          expect(verdict.ownerApproval.outcome).not.toBe("pass");
        }
      }),
      { numRuns: 1_500, seed: 7 },
    );
    // The oracle was exercised on each kind of pass, not only on refusals.
    expect(seen.approvalPass).toBeGreaterThan(10);
    expect(seen.notePass).toBeGreaterThan(10);
    expect(seen.overridden).toBeGreaterThan(10);
    console.info(`evaluateGate property: ${JSON.stringify(seen)} of 1,500`);
  });

  it("an override label whose latest application is by someone not allowed never passes anything by itself", () => {
    fc.assert(
      fc.property(configArb, factsArb, login, (config, facts, actor) => {
        if (config.override === null) return;
        const allowed = namedBy(config.override.allowed, facts);
        if (allowed.has(lower(actor))) return;
        const labelled = { ...facts, labels: [OVERRIDE], labelEvents: [...facts.labelEvents, { kind: "labeled" as const, label: OVERRIDE, actor, at: "2024-03-01T00:00:00Z" }] };
        const verdict = timed(() => evaluateGate({ kind: "ready", config, facts: labelled }));
        expect(verdict?.ownerApproval.title ?? "").not.toMatch(/^Overridden/);
        expect(verdict?.releaseNote.title ?? "").not.toMatch(/^Overridden/);
      }),
      { numRuns: 500, seed: 11 },
    );
  });
});

describe("evaluateReleaseNote on random descriptions", () => {
  it("is valid only when a valid candidate exists, and the note it names is one of them", () => {
    fc.assert(
      fc.property(configArb, factsArb, (config, facts) => {
        const result = timed(() => evaluateReleaseNote(facts, config, []));
        expect(result.valid).toBe(result.note !== null);
        if (!result.valid) {
          expect(result.firstProblem).not.toBeNull();
          return;
        }
        expect(noteCandidateExists(config, facts)).toBe(true);
        const note = result.note;
        if (note?.kind === "in-repo") {
          expect(facts.noteFiles[note.path]?.kind).toBe("text");
          expect(facts.body).toContain(note.path);
        } else if (note?.kind === "external") {
          expect(new URL(note.url).protocol).toBe("https:");
          expect(config.releaseNote.externalHosts).toContain(note.host);
        } else if (note?.kind === "inline") {
          expect(config.releaseNote.inlineHeading).not.toBe("");
        }
      }),
      { numRuns: 1_500, seed: 3 },
    );
  });
});

describe("parseIntegConfig → evaluateGate", () => {
  const globPiece = fc.oneof(
    { arbitrary: fc.constantFrom("**", "*", "a", "/", "{a,b}", "?", "[ab]", "."), weight: 12 },
    { arbitrary: fc.constantFrom("{", "}", ",", "[", "]", "!", "@(", ")", "\\", "a-z", "x".repeat(300)), weight: 1 },
  );
  const globArb = fc.array(globPiece, { minLength: 1, maxLength: 8 }).map((p) => p.join(""));
  const configText = fc
    .record({
      integrationPaths: fc.array(globArb, { maxLength: 3 }),
      branches: fc.array(globArb, { maxLength: 2 }),
      systemPaths: fc.array(globArb, { minLength: 1, maxLength: 3 }),
      notePaths: fc.array(globArb, { maxLength: 2 }),
      owners: fc.oneof(
        { arbitrary: fc.constant(["@maria-ops"]), weight: 5 },
        { arbitrary: fc.array(fc.constantFrom("@maria-ops", "@acme/owners", "@mаria-ops", "@-x", "@a/b/c", "maria"), { minLength: 1, maxLength: 2 }), weight: 1 },
      ),
    })
    .map((c) =>
      stringify({
        version: 1,
        owners: c.owners,
        integration: { paths: c.integrationPaths, branches: c.branches },
        systems: { erp: { paths: c.systemPaths } },
        release_note: { paths: c.notePaths },
      }),
    );

  it("a config the parser accepts never makes the engine throw (every glob it accepts compiles)", () => {
    let accepted = 0;
    fc.assert(
      fc.property(configText, factsArb, (text, facts) => {
        const parsed = timed(() => parseIntegConfig(text));
        if (!parsed.ok) {
          for (const issue of parsed.issues) expect(issue.line).toBeGreaterThanOrEqual(1);
          return;
        }
        accepted += 1;
        const withPaths = { ...facts, files: [...facts.files, changedFile("a/x"), changedFile(`${"a/".repeat(30)}b`)], headRef: "aaaa/bbbb" };
        expect(() => timed(() => evaluateGate({ kind: "ready", config: parsed.config, facts: withPaths }))).not.toThrow();
      }),
      { numRuns: 800, seed: 5 },
    );
    // The generator reaches both sides.
    expect(accepted).toBeGreaterThan(50);
  });
});
