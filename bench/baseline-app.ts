import type { Context, Probot } from "probot";

/**
 * The floor for any Probot app on this machine: a minimal app that answers
 * the same webhooks as integ-gate with a given number of API calls and no
 * logic of its own. Probot's defaults, throttling ON.
 *
 * Which calls: a delivery's payload may carry `bench_plan` (the bench puts
 * there the calls integ-gate made for the same event: "graphql", "get",
 * "post", "patch"); otherwise BASELINE_PLAN (comma-separated, default
 * "graphql,graphql,post,post": the bare app of docs/performance.md). Consecutive GETs run in
 * parallel (as an app would), everything else one after the other. Logs
 * `baseline: delivery <id> done` when the calls are answered.
 */
export type BaselineCall = "graphql" | "get" | "post" | "patch";

const EVENTS = ["pull_request", "pull_request_review", "check_run", "check_suite", "issue_comment"] as const;

interface PullPayload {
  readonly bench_plan?: readonly BaselineCall[];
  readonly repository?: { readonly name: string; readonly owner: { readonly login: string } };
  readonly pull_request?: { readonly number: number; readonly head: { readonly sha: string } };
}

function parsePlan(text: string | undefined): BaselineCall[] {
  const calls = (text ?? "graphql,graphql,post,post").split(",").map((c) => c.trim());
  return calls.filter((c): c is BaselineCall => c === "graphql" || c === "get" || c === "post" || c === "patch");
}

export default function baselineApp(app: Probot): void {
  const fixed = parsePlan(process.env["BASELINE_PLAN"]);
  /** Check runs this app created, per PR (what a PATCH updates). */
  const runs = new Map<string, number[]>();

  const call = async (context: Context, kind: BaselineCall, target: { owner: string; repo: string; number: number; sha: string }, n: number): Promise<void> => {
    const key = `${target.owner}/${target.repo}#${target.number}`;
    if (kind === "graphql") {
      await context.octokit.graphql("query($owner: String!, $repo: String!, $number: Int!) { repository(owner: $owner, name: $repo) { pullRequest(number: $number) { headRefOid } } }", {
        owner: target.owner,
        repo: target.repo,
        number: target.number,
      });
    } else if (kind === "get") {
      await context.octokit.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", { owner: target.owner, repo: target.repo, pull_number: target.number });
    } else {
      const existing = runs.get(key) ?? [];
      const id = existing[n % Math.max(1, existing.length)];
      if (kind === "patch" && id !== undefined) {
        await context.octokit.request("PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}", {
          owner: target.owner,
          repo: target.repo,
          check_run_id: id,
          output: { title: "Baseline", summary: `update ${n}` },
        });
      } else {
        const created = await context.octokit.request("POST /repos/{owner}/{repo}/check-runs", {
          owner: target.owner,
          repo: target.repo,
          name: `baseline/check-${n}`,
          head_sha: target.sha,
          status: "completed",
          conclusion: "neutral",
          output: { title: "Baseline", summary: "A minimal Probot app." },
        });
        runs.set(key, [...existing, (created.data as { id: number }).id].slice(-4));
      }
    }
  };

  app.on([...EVENTS], async (context) => {
    const started = Date.now();
    const payload = context.payload as PullPayload;
    const pr = payload.pull_request;
    if (payload.repository === undefined || pr === undefined) return;
    const target = { owner: payload.repository.owner.login, repo: payload.repository.name, number: pr.number, sha: pr.head.sha };
    const plan = payload.bench_plan ?? fixed;
    let writes = 0;
    for (let i = 0; i < plan.length; ) {
      if (plan[i] === "get") {
        const gets: Promise<void>[] = [];
        while (plan[i] === "get") {
          gets.push(call(context, "get", target, i));
          i += 1;
        }
        await Promise.all(gets);
        continue;
      }
      const kind = plan[i] ?? "graphql";
      await call(context, kind, target, kind === "graphql" ? i : writes++);
      i += 1;
    }
    app.log.info(`baseline: delivery ${context.id} done in ${Date.now() - started} ms (${plan.join(",")})`);
  });
}
