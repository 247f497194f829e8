import { parseIntegConfig } from "../src/core/config/parse-integ-config.js";
import type { IntegConfig } from "../src/core/config/integ-config.js";
import type { ChangedFile, PullRequestFacts } from "../src/core/facts/pull-request-facts.js";
import { evaluateGate } from "../src/core/rules/evaluate-gate.js";
import { buildFacts, commit, review, textNote } from "../test/support/facts-builder.js";
import { median, round } from "./bench-stats.js";
import { BENCH_NOTE } from "./seed-bench-pulls.js";

/** Engine time (pure evaluateGate, no I/O) by PR size, with 50 systems. */
export interface EngineBenchResult {
  readonly files30: number;
  readonly files300: number;
  readonly files3000: number;
  /** files300 / files30 and files3000 / files300 (10 means linear per file). */
  readonly ratio300to30: number;
  readonly ratio3000to300: number;
  /** log10 of each ratio: 1 is linear, above 1 worse than linear. */
  readonly exponent30to300: number;
  readonly exponent300to3000: number;
  /** False when cost grows worse than linearly (an exponent above 1.2: room for timing noise). */
  readonly linear: boolean;
  /** Spread of the repeated runs, per size. */
  readonly spread: Readonly<Record<"files30" | "files300" | "files3000", { readonly min: number; readonly max: number; readonly n: number }>>;
}

const SYSTEMS = 50;
const NOTE_PATH = "docs/release-notes/big-change.md";

/** A `.integ.yml` with 50 systems in a feed chain, 5 departments with sign-off teams, an owners team. */
export function fiftySystemConfig(): IntegConfig {
  const lines = ["version: 1", 'owners: ["@acme/integration-owners"]', "systems:"];
  for (let i = 0; i < SYSTEMS; i += 1) {
    lines.push(`  sys${i}:`);
    lines.push(`    paths: ["integrations/sys${i}/**", "etl/sys${i}/*.sql"]`);
    if (i % 5 === 0) lines.push(`    owners: ["@acme/sys${i}-owners"]`);
    lines.push(`    departments: [dept${i % 5}]`);
    if (i + 1 < SYSTEMS && i % 3 !== 2) lines.push(`    feeds: [sys${i + 1}]`);
  }
  lines.push("departments:");
  for (let d = 0; d < 5; d += 1) lines.push(`  dept${d}: { signoff: ["@acme/dept${d}-leads"], aliases: ["department ${d}"] }`);
  lines.push("release_note:", "  mention_departments: false");
  const parsed = parseIntegConfig(`${lines.join("\n")}\n`);
  if (!parsed.ok) throw new Error(`bench config is invalid: ${parsed.issues.map((i) => i.message).join("; ")}`);
  return parsed.config;
}

/** A PR with `files` changed files spread over the 50 systems, 5 commits, 3 reviews and a linked note. */
export function factsWithFiles(config: IntegConfig, files: number): PullRequestFacts {
  const changed: ChangedFile[] = [];
  for (let f = 0; f < files - 1; f += 1) changed.push({ path: `integrations/sys${f % SYSTEMS}/module-${f}.ts`, status: "modified" });
  changed.push({ path: NOTE_PATH, status: "added" });
  const teams: Record<string, PullRequestFacts["teams"][string]> = {};
  const teamSlugs = ["integration-owners", ...config.systems.flatMap((s) => s.owners.filter((o) => o.kind === "team").map((o) => (o.kind === "team" ? o.slug : "")))];
  for (let d = 0; d < 5; d += 1) teamSlugs.push(`dept${d}-leads`);
  for (const slug of teamSlugs) teams[`acme/${slug}`] = { readable: true, members: [`${slug}-member`, "maria-ops"] };
  return buildFacts({
    body: `Release note: [note](${NOTE_PATH})`,
    files: changed,
    changedFilesCount: changed.length,
    commits: ["c1", "c2", "c3", "c4", "c5"].map((sha) => commit(sha.padEnd(40, "0"), "dev-alice")),
    commitsCount: 5,
    reviews: [review("dev-bob", "COMMENTED"), review("dev-carol", "APPROVED"), review("dev-bob", "APPROVED")],
    noteFiles: textNote(NOTE_PATH, BENCH_NOTE),
    teams,
  });
}

function timeIt(config: IntegConfig, facts: PullRequestFacts, budgetMs: number, maxRuns: number): number[] {
  for (let w = 0; w < 3; w += 1) evaluateGate({ kind: "ready", config, facts });
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < maxRuns && (samples.length < 5 || performance.now() - started < budgetMs)) {
    const t0 = performance.now();
    evaluateGate({ kind: "ready", config, facts });
    samples.push(performance.now() - t0);
  }
  return samples;
}

/** Times evaluateGate at 30, 300 and 3,000 files (median of repeated runs, each size within about `budgetMs`). */
export function benchEngine(budgetMs = 1_500): EngineBenchResult {
  const config = fiftySystemConfig();
  const verdict = evaluateGate({ kind: "ready", config, facts: factsWithFiles(config, 30) });
  if (verdict === null || !verdict.integration) throw new Error("bench engine input is not an integration PR");
  const sizes = [30, 300, 3_000] as const;
  const samples = sizes.map((n) => timeIt(config, factsWithFiles(config, n), budgetMs, 400));
  const [s30, s300, s3000] = samples.map((s) => median(s)) as [number, number, number];
  const ratio300to30 = s300 / s30;
  const ratio3000to300 = s3000 / s300;
  const exponent30to300 = Math.log10(ratio300to30);
  const exponent300to3000 = Math.log10(ratio3000to300);
  const spreadOf = (s: readonly number[]) => ({ min: round(Math.min(...s), 3), max: round(Math.max(...s), 3), n: s.length });
  return {
    files30: round(s30, 3),
    files300: round(s300, 3),
    files3000: round(s3000, 3),
    ratio300to30: round(ratio300to30, 2),
    ratio3000to300: round(ratio3000to300, 2),
    exponent30to300: round(exponent30to300, 2),
    exponent300to3000: round(exponent300to3000, 2),
    linear: exponent30to300 <= 1.2 && exponent300to3000 <= 1.2,
    spread: { files30: spreadOf(samples[0] ?? []), files300: spreadOf(samples[1] ?? []), files3000: spreadOf(samples[2] ?? []) },
  };
}
