import { ProbotOctokit } from "probot";
import type { Emulator } from "../emulator/start-emulator.js";
import { runGate } from "../src/run-gate.js";
import type { BenchPull } from "./seed-bench-pulls.js";

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Gives PRs the checks a running App would already have written on them:
 * the same gate code (runGate), in this process, with an installation token
 * of the App and no throttling, straight to the emulator (nothing of it is
 * counted). The app process under test then starts on an installation whose
 * PRs are already evaluated, as after a restart, instead of spending its
 * one-per-second write queue on first evaluations.
 */
export async function preEvaluatePulls(em: Emulator, pulls: readonly BenchPull[], concurrency = 4): Promise<void> {
  const octokits = new Map<number, InstanceType<typeof ProbotOctokit>>();
  const octokitFor = (installation: number): InstanceType<typeof ProbotOctokit> => {
    let octokit = octokits.get(installation);
    if (octokit === undefined) {
      const token = em.state.createToken({ kind: "installation", installationId: installation }).token;
      octokit = new ProbotOctokit({ auth: { token }, baseUrl: em.apiUrl, log: quiet, throttle: { enabled: false }, retry: { enabled: false } });
      octokits.set(installation, octokit);
    }
    return octokit;
  };
  const queue = [...pulls];
  const worker = async (): Promise<void> => {
    for (let pull = queue.shift(); pull !== undefined; pull = queue.shift()) {
      const [owner, repo] = pull.repo.split("/") as [string, string];
      const result = await runGate({ owner, repo, number: pull.number }, { github: octokitFor(pull.installation), appId: em.app.id, log: quiet });
      if (result.checks.length === 0) throw new Error(`pre-evaluation of ${pull.repo}#${pull.number} posted nothing`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
