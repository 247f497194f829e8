import type { Emulator } from "../emulator/start-emulator.js";
import type { CheckRunRecord } from "../emulator/state-records.js";
import type { ExpectedCheck } from "./order-sync-story.js";

/** The two gate checks as the PR shows them: the newest run of each name on the head commit. */
export interface GateChecks {
  readonly releaseNote: CheckRunRecord | undefined;
  readonly ownerApproval: CheckRunRecord | undefined;
}

/** The newest run of each gate check on a commit. */
export function readGateChecks(em: Emulator, repo: string, headSha: string): GateChecks {
  const runs = em.state.checkRuns(repo, { headSha });
  const newest = (name: string): CheckRunRecord | undefined =>
    runs.filter((r) => r.name === name).reduce<CheckRunRecord | undefined>((a, r) => (a === undefined || r.id > a.id ? r : a), undefined);
  return { releaseNote: newest("integ-gate/release-note"), ownerApproval: newest("integ-gate/owner-approval") };
}

/** Why a run does not show what was expected, or null when it does. */
export function describeMismatch(run: CheckRunRecord | undefined, expected: ExpectedCheck): string | null {
  if (run === undefined) return "no check run";
  const seen = `${run.status}${run.conclusion === null ? "" : `/${run.conclusion}`} "${run.output.title ?? ""}"`;
  if (run.status !== expected.status) return `status ${seen}, expected ${expected.status}`;
  if (expected.conclusion !== undefined && run.conclusion !== expected.conclusion) return `${seen}, expected ${expected.conclusion}`;
  if (!expected.title.test(run.output.title ?? "")) return `${seen}, expected a title matching ${expected.title}`;
  if (expected.summary !== undefined && !expected.summary.test(run.output.summary ?? "")) {
    return `${seen}, expected a summary matching ${expected.summary}`;
  }
  return null;
}

/**
 * Polls the emulator until both checks show the expected verdicts and no
 * request has arrived for `quietMs` (the app has finished writing), or
 * throws after `timeoutMs` naming what the PR shows instead.
 */
export async function waitForChecks(
  em: Emulator,
  target: { repo: string; headSha: () => string },
  expected: { releaseNote: ExpectedCheck; ownerApproval: ExpectedCheck },
  options: { timeoutMs?: number; quietMs?: number; intervalMs?: number } = {},
): Promise<GateChecks> {
  const interval = options.intervalMs ?? 40;
  const quietMs = options.quietMs ?? 200;
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  let lastCount = -1;
  let quietSince = Date.now();
  let problems: string[] = [];
  for (;;) {
    const count = em.log.entries().length;
    if (count !== lastCount) {
      lastCount = count;
      quietSince = Date.now();
    }
    const checks = readGateChecks(em, target.repo, target.headSha());
    problems = [
      ["integ-gate/release-note", describeMismatch(checks.releaseNote, expected.releaseNote)],
      ["integ-gate/owner-approval", describeMismatch(checks.ownerApproval, expected.ownerApproval)],
    ]
      .filter(([, problem]) => problem !== null)
      .map(([name, problem]) => `${name}: ${problem}`);
    if (problems.length === 0 && Date.now() - quietSince >= quietMs) return checks;
    if (Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
  const timeout = options.timeoutMs ?? 15_000;
  const within = timeout >= 1_000 ? `${Math.round(timeout / 1_000)} s` : `${timeout} ms`;
  throw new Error(`the expected verdict did not appear within ${within}:\n  ${problems.join("\n  ")}`);
}
