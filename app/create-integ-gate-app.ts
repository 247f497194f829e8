import type { Context, Probot } from "probot";
import { createGateService, type GateService } from "../src/app-runtime/create-gate-service.js";
import { parseRetryDelays } from "../src/app-runtime/parse-retry-delays.js";
import { EtagCache } from "../src/github/cache-etags.js";
import { CONFIG_PATH } from "../src/core/config/integ-config.js";
import type { GitHubPort } from "../src/github/github-port.js";
import { fetchWriteAccess } from "../src/github/fetch-write-access.js";
import { LruMap } from "../src/github/lru-map.js";
import { parseExternalId } from "../src/github/publish-check-runs.js";
import type { RunGateResult } from "../src/run-gate.js";
import { queueBranchHint } from "../src/run-merge-group-gate.js";

/** Options of the App (the default export reads them from the environment). */
export interface IntegGateAppOptions {
  /** The App's id; default APP_ID, else asked of GitHub once (GET /app). */
  readonly appId?: number;
  /** Log the writes instead of sending them; default INTEG_GATE_DRY_RUN=true. */
  readonly dryRun?: boolean;
  /** Open PRs re-evaluated at once; default 4. */
  readonly concurrency?: number;
  /**
   * Delays of the self-healing retries after an evaluation that could not
   * read GitHub (ms). For tests and demos only: default
   * INTEG_GATE_RETRY_DELAYS (e.g. `1s,3s,10s`), else 30 s, 2 min, 10 min.
   */
  readonly retryDelays?: readonly number[];
  /** Receives the service (tests wait on its queue). */
  readonly onService?: (service: GateService) => void;
  readonly onEvaluated?: (result: RunGateResult) => void;
}

const PULL_REQUEST_ACTIONS = [
  "opened",
  "reopened",
  "synchronize",
  "edited",
  "labeled",
  "unlabeled",
  "ready_for_review",
  "converted_to_draft",
  "closed",
] as const;
const REVIEW_ACTIONS = ["submitted", "edited", "dismissed"] as const;
/** Installation clients kept at once (least recently used go first). */
const MAX_CLIENTS = 500;
const RECHECK = /^\/integ-gate\s+recheck\s*$/i;

interface RepositoryPayload {
  readonly repository?: { readonly name: string; readonly owner: { readonly login: string }; readonly default_branch?: string };
  readonly installation?: { readonly id: number };
}

function repositoryOf(payload: RepositoryPayload): { owner: string; repo: string } | null {
  return payload.repository === undefined ? null : { owner: payload.repository.owner.login, repo: payload.repository.name };
}

function installationOf(payload: RepositoryPayload): number {
  return payload.installation?.id ?? 0;
}

function splitFullName(fullName: string): { owner: string; repo: string } | null {
  const [owner, repo] = fullName.split("/");
  return owner === undefined || repo === undefined ? null : { owner, repo };
}

/**
 * The Probot app: webhook events (docs/checks.md#events) to
 * evaluations. Nothing from a payload is trusted beyond owner, repository,
 * PR number and installation: every evaluation reads GitHub live.
 */
export function createIntegGateApp(options: IntegGateAppOptions = {}): (app: Probot) => void {
  return (app: Probot) => {
    const envAppId = Number(process.env["APP_ID"]);
    const log = {
      info: (message: string) => app.log.info(message),
      warn: (message: string) => app.log.warn(message),
      error: (message: string) => app.log.error(message),
    };
    // The App itself (GET /app, with its JWT): its id when APP_ID is not set, and its slug, whose
    // bot `<slug>[bot]` writes the summary comment. Asked once; asked again after a failure.
    let self: Promise<{ id: number; slug: string }> | null = null;
    const fetchSelf = (): Promise<{ id: number; slug: string }> => {
      self ??= (async () => {
        const octokit = await app.auth();
        const answer = await octokit.request("GET /app");
        const data = answer.data as { id: number; slug: string };
        return { id: data.id, slug: data.slug };
      })().catch((error: unknown) => {
        self = null;
        throw error;
      });
      return self;
    };
    const envDelays = process.env["INTEG_GATE_RETRY_DELAYS"];
    const retryDelays = options.retryDelays ?? (envDelays === undefined ? undefined : parseRetryDelays(envDelays));
    const service = createGateService({
      appId: options.appId ?? (Number.isInteger(envAppId) && envAppId > 0 ? envAppId : async () => (await fetchSelf()).id),
      ownLogin: async () => `${(await fetchSelf()).slug}[bot]`,
      ...(retryDelays === undefined ? {} : { retries: { delays: retryDelays } }),
      log,
      dryRun: options.dryRun ?? process.env["INTEG_GATE_DRY_RUN"] === "true",
      concurrency: options.concurrency ?? 4,
      etagCache: new EtagCache(),
      ...(options.onEvaluated === undefined ? {} : { onEvaluated: options.onEvaluated }),
    });
    options.onService?.(service);

    // Probot gives each webhook's `context.octokit` the throttle key "no-id",
    // so every installation of one process would share one write queue (one
    // POST, PATCH or GraphQL query a second for all of them). `app.auth(id)`
    // keys the queue by installation, as GitHub's one-write-a-second advice
    // means it. One client per installation, kept while it is in use.
    const clients = new LruMap<number, Promise<GitHubPort>>(MAX_CLIENTS);
    const portOf = async (context: Context): Promise<GitHubPort> => {
      const installationId = installationOf(context.payload as RepositoryPayload);
      if (installationId === 0) return context.octokit;
      const known = clients.get(installationId);
      if (known !== undefined) return known;
      const created = app.auth(installationId).then((octokit): GitHubPort => octokit);
      created.catch(() => clients.delete(installationId));
      clients.set(installationId, created);
      return created;
    };

    const evaluatePullRequest = async (context: Context, number: number, headSha?: string): Promise<void> => {
      const repository = repositoryOf(context.payload as RepositoryPayload);
      if (repository === null) return;
      await service.evaluate(await portOf(context), installationOf(context.payload as RepositoryPayload), {
        ...repository,
        number,
        ...(headSha === undefined ? {} : { headShaHint: headSha }),
      });
    };

    const evaluateOpen = async (context: Context, repository: { owner: string; repo: string } | null, headSha?: string): Promise<void> => {
      if (repository === null) return;
      await service.evaluateOpen(
        await portOf(context),
        installationOf(context.payload as RepositoryPayload),
        repository,
        headSha === undefined ? undefined : (pr) => pr.headSha === headSha,
      );
    };

    app.on(
      PULL_REQUEST_ACTIONS.map((action) => `pull_request.${action}` as const),
      async (context) => evaluatePullRequest(context, context.payload.pull_request.number, context.payload.pull_request.head.sha),
    );

    app.on(
      REVIEW_ACTIONS.map((action) => `pull_request_review.${action}` as const),
      async (context) => evaluatePullRequest(context, context.payload.pull_request.number, context.payload.pull_request.head.sha),
    );

    /**
     * A re-run on a merge group's commit re-evaluates the group (true when it
     * was one). The branch name only says which queue to ask: the commit is a
     * merge group's only when that queue lists it (docs/checks.md, "Merge queue").
     */
    const rerunMergeGroup = async (context: Context, headBranch: string | null | undefined, headSha: string): Promise<boolean> => {
      const branch = queueBranchHint(headBranch);
      const repository = repositoryOf(context.payload as RepositoryPayload);
      if (branch === null || repository === null) return false;
      const run = await service.evaluateMergeGroup(await portOf(context), installationOf(context.payload as RepositoryPayload), { ...repository, headSha, branch });
      return run.kind === "published";
    };

    app.on("check_run.rerequested", async (context) => {
      const run = context.payload.check_run;
      if (await rerunMergeGroup(context, run.check_suite?.head_branch, run.head_sha)) return;
      const fromId = parseExternalId(run.external_id ?? null)?.numbers ?? [];
      const listed = (run.pull_requests ?? []).map((p) => p.number);
      const numbers = fromId.length > 0 ? fromId : listed;
      if (numbers.length === 0) {
        await evaluateOpen(context, repositoryOf(context.payload as RepositoryPayload), run.head_sha);
        return;
      }
      await Promise.all(numbers.map((n) => evaluatePullRequest(context, n)));
    });

    app.on("check_suite.rerequested", async (context) => {
      const suite = context.payload.check_suite;
      if (await rerunMergeGroup(context, suite.head_branch, suite.head_sha)) return;
      const numbers = (suite.pull_requests ?? []).map((p) => p.number);
      if (numbers.length === 0) {
        await evaluateOpen(context, repositoryOf(context.payload as RepositoryPayload), suite.head_sha);
        return;
      }
      await Promise.all(numbers.map((n) => evaluatePullRequest(context, n)));
    });

    app.on("merge_group.checks_requested", async (context) => {
      const repository = repositoryOf(context.payload as RepositoryPayload);
      if (repository === null) return;
      const group = context.payload.merge_group;
      await service.evaluateMergeGroup(await portOf(context), installationOf(context.payload as RepositoryPayload), {
        ...repository,
        headSha: group.head_sha,
        branch: group.base_ref.replace(/^refs\/heads\//, ""),
      });
    });

    app.on("push", async (context) => {
      const payload = context.payload;
      const defaultBranch = payload.repository.default_branch;
      if (payload.ref !== `refs/heads/${defaultBranch}` || payload.deleted) return;
      const commits = payload.commits ?? [];
      const touched =
        commits.length >= 20 ||
        [...commits, ...(payload.head_commit ? [payload.head_commit] : [])].some((c) =>
          [...(c.added ?? []), ...(c.modified ?? []), ...(c.removed ?? [])].includes(CONFIG_PATH),
        );
      if (!touched) return;
      await evaluateOpen(context, repositoryOf(payload as RepositoryPayload));
    });

    app.on("installation.created", async (context) => {
      const repositories = context.payload.repositories ?? [];
      for (const repository of repositories) await evaluateOpen(context, splitFullName(repository.full_name));
    });

    app.on("installation_repositories.added", async (context) => {
      for (const repository of context.payload.repositories_added) await evaluateOpen(context, splitFullName(repository.full_name));
    });

    app.on("repository.edited", async (context) => {
      const changes = context.payload.changes as { default_branch?: unknown };
      if (changes.default_branch === undefined) return;
      await evaluateOpen(context, repositoryOf(context.payload as RepositoryPayload));
    });

    app.on("issue_comment.created", async (context) => {
      const { issue, comment } = context.payload;
      if (issue.pull_request === undefined || !RECHECK.test(comment.body.trim())) return;
      const repository = repositoryOf(context.payload as RepositoryPayload);
      if (repository === null) return;
      const login = comment.user?.login;
      if (login === undefined || !(await fetchWriteAccess(await portOf(context), repository, login))) {
        app.log.info(`integ-gate: ignored "/integ-gate recheck" from @${login ?? "ghost"} (no write access)`);
        return;
      }
      await evaluatePullRequest(context, issue.number);
    });
  };
}
