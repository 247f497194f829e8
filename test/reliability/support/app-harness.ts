import { randomUUID } from "node:crypto";
import { pino } from "pino";
import { Probot, ProbotOctokit } from "probot";
import { createIntegGateApp } from "../../../app/create-integ-gate-app.js";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../../emulator/start-emulator.js";
import type { GateService } from "../../../src/app-runtime/create-gate-service.js";
import type { RunGateResult } from "../../../src/run-gate.js";
import { NOTE_TEXT } from "../../support/github-fixtures.js";

type EventName = Parameters<Probot["receive"]>[0]["name"];

/** The default config of these suites: one team of owners, one system, an override for @admin-ann. */
export const HARNESS_CONFIG = `version: 1
owners: ["@acme/integration-owners"]
systems:
  erp:
    paths: ["integrations/erp/**"]
override:
  label: "integ-gate/override"
  allowed: ["@admin-ann"]
`;

/** The real Probot app, in process, against a fresh loopback GitHub. */
export interface AppHarness {
  readonly em: Emulator;
  readonly probot: Probot;
  readonly service: GateService;
  /** Every evaluation's result, in order. */
  readonly results: RunGateResult[];
  /** Everything the app logged (Probot's logger), one line per entry. */
  readonly logs: string[];
  /** Delivers an event through Probot's `receive` (no HTTP, no signature: the verified path). */
  receive(name: string, payload: unknown, id?: string): Promise<void>;
  close(): Promise<void>;
}

/** Options of `startAppHarness`. */
export interface AppHarnessOptions {
  readonly emulator?: EmulatorOptions;
  /** An emulator to reuse instead of starting one. */
  readonly em?: Emulator;
  /** Keep Probot's throttling on (production settings; writes a second apart). Default false. */
  readonly throttling?: boolean;
  /** Delays of the App's self-healing retries (ms); default the App's (30 s, 2 min, 10 min). */
  readonly retryDelays?: readonly number[];
}

/**
 * Starts the emulator and loads `createIntegGateApp` into a real Probot whose
 * Octokit talks HTTP to it. Throttling is off unless asked for (it spaces
 * writes a second apart; the process tests keep it on) and Octokit's retry
 * plugin is off, so only integ-gate's own bounded retries act on faults.
 */
export async function startAppHarness(options: AppHarnessOptions = {}): Promise<AppHarness> {
  const em = options.em ?? (await startEmulator(options.emulator));
  const results: RunGateResult[] = [];
  const logs: string[] = [];
  let service: GateService | undefined;
  const probot = new Probot({
    appId: em.app.id,
    privateKey: em.app.privateKey,
    baseUrl: em.apiUrl,
    // Probot's own logger (pino), every line kept as text for the assertions.
    log: pino({ level: "trace" }, { write: (line: string) => void logs.push(describeLogLine(line)) }),
    ...(options.throttling === true
      ? {}
      : {
          Octokit: ProbotOctokit.defaults((o: Record<string, unknown>) => ({
            ...o,
            throttle: { ...(o["throttle"] as object | undefined), enabled: false },
            retry: { enabled: false },
          })),
        }),
  });
  await probot.load(
    createIntegGateApp({
      appId: em.app.id,
      ...(options.retryDelays === undefined ? {} : { retryDelays: options.retryDelays }),
      onService: (s) => {
        service = s;
      },
      onEvaluated: (r) => results.push(r),
    }),
  );
  if (service === undefined) throw new Error("the app did not create its service");
  return {
    em,
    probot,
    service,
    results,
    logs,
    async receive(name, payload, id) {
      await probot.receive({ id: id ?? randomUUID(), name: name as EventName, payload } as Parameters<Probot["receive"]>[0]);
    },
    async close() {
      service?.close();
      await service?.queue.idle();
      if (options.em === undefined) await em.close();
    },
  };
}

const LEVELS: Readonly<Record<number, string>> = { 10: "trace", 20: "debug", 30: "info", 40: "warn", 50: "error", 60: "fatal" };

/** `level: message` from one pino JSON line (the raw line when it is not JSON). */
function describeLogLine(line: string): string {
  try {
    const entry = JSON.parse(line) as { level?: number; msg?: string };
    return `${LEVELS[entry.level ?? 0] ?? "log"}: ${entry.msg ?? line}`;
  } catch {
    return line;
  }
}

/** Seeds org acme (team integration-owners: maria-ops), users, and a repository with `.integ.yml` (or none). */
export function seedRepository(em: Emulator, options: { name?: string; config?: string | null; files?: Record<string, string> } = {}): string {
  const s = em.state;
  const name = options.name ?? "integrations";
  s.createOrg({ login: "acme" });
  for (const login of ["dev-alice", "dev-bob", "maria-ops", "admin-ann", "outsider"]) {
    if (s.user(login) === undefined) s.createUser({ login, name: login, email: `${login}@acme.example` });
  }
  if (s.team("acme", "integration-owners") === undefined) s.createTeam({ org: "acme", slug: "integration-owners", members: ["maria-ops"] });
  const config = options.config === undefined ? HARNESS_CONFIG : options.config;
  s.createRepo({
    owner: "acme",
    name,
    files: {
      ...(config === null ? {} : { ".integ.yml": config }),
      "integrations/erp/export.ts": "export const sku = 1;\n",
      "README.md": "# integrations\n",
      ...options.files,
    },
  });
  const repo = `acme/${name}`;
  for (const login of ["dev-alice", "dev-bob", "maria-ops"]) s.setCollaborator(repo, login, "write");
  s.setCollaborator(repo, "admin-ann", "admin");
  return repo;
}

/** What `openPullRequest` created. */
export interface SeededPull {
  readonly repo: string;
  readonly number: number;
  readonly headSha: string;
  readonly notePath: string;
}

/**
 * Opens an integration PR by dev-alice on its own branch: it changes the ERP
 * export and adds a valid note file, linked from the description unless
 * `body` says otherwise.
 */
export function openPullRequest(
  em: Emulator,
  repo: string,
  options: { branch: string; body?: string; files?: Record<string, string | null>; author?: string; note?: string | null },
): SeededPull {
  const slug = options.branch.replace(/[^a-z0-9]+/gi, "-");
  const notePath = `docs/release-notes/${slug}.md`;
  const note = options.note === undefined ? NOTE_TEXT : options.note;
  em.state.commit({
    repo,
    branch: options.branch,
    message: `Change ${slug}`,
    author: options.author ?? "dev-alice",
    files: {
      [`integrations/erp/${slug}.ts`]: `export const ${slug.replace(/-/g, "_")} = 1;\n`,
      ...(note === null ? {} : { [notePath]: note }),
      ...options.files,
    },
  });
  const pr = em.state.createPullRequest({
    repo,
    head: options.branch,
    title: `Change ${slug}`,
    body: options.body ?? `Release note: [${slug}](${notePath})`,
    author: options.author ?? "dev-alice",
  });
  return { repo, number: pr.number, headSha: pr.headSha, notePath };
}

/** The newest run of each name on a commit: what GitHub shows and branch protection reads. */
export function newestRuns(em: Emulator, repo: string, headSha: string): Record<string, { status: string; conclusion: string | null; title: string | null }> {
  const out: Record<string, { status: string; conclusion: string | null; title: string | null }> = {};
  for (const run of em.state.checkRuns(repo, { headSha })) out[run.name] = { status: run.status, conclusion: run.conclusion, title: run.output.title };
  return out;
}
