import { generateAppKeyPair, newTokenString, sharedAppKeyPair } from "./app-auth.js";
import { GitObjectStore, type CommitObject, type GitSignature } from "./git-objects.js";
import { computePullDiff, listPullCommits, type PullDiffEntry } from "./pull-diff.js";
import type {
  AppRecord,
  CheckRunRecord,
  CheckSuiteRecord,
  CollaboratorPermission,
  InstallationPermissions,
  InstallationRecord,
  IssueCommentRecord,
  IssueEventKind,
  IssueEventRecord,
  LabelRecord,
  PullRecord,
  RepoRecord,
  ReviewRecord,
  ReviewStateName,
  StatusRecord,
  TeamRecord,
  TokenKind,
  TokenRecord,
  UserRecord,
} from "./state-records.js";

/** Who made a commit: a login of an emulated user, or a raw git identity (which GitHub may not resolve). */
export type IdentityInput = string | { readonly name: string; readonly email: string };

/** A file change in a commit: new content, `null` to delete, or a rename (optionally with new content). */
export type FileChange = string | Buffer | null | { readonly from: string; readonly content?: string | Buffer };

export interface CommitInput {
  /** `owner/name`. */
  readonly repo: string;
  /** Branch to commit to; created from `from` (default: the default branch) when missing. */
  readonly branch?: string;
  /** Start a new branch from this branch or sha. */
  readonly from?: string;
  /** Explicit parents (a merge commit when two). Default: the branch tip. */
  readonly parents?: readonly string[];
  readonly message?: string;
  /** Default: the repository owner. */
  readonly author?: IdentityInput;
  /** Default: the author. Use "web-flow" for commits made in GitHub's web UI. */
  readonly committer?: IdentityInput;
  /** Adds `Co-authored-by:` trailers to the message. */
  readonly coAuthors?: readonly IdentityInput[];
  readonly files?: Readonly<Record<string, FileChange>>;
  /** ISO 8601; default: the emulator's clock. */
  readonly date?: string;
}

export interface CreateRepoInput {
  readonly owner: string;
  readonly name: string;
  readonly defaultBranch?: string;
  readonly private?: boolean;
  readonly description?: string;
  /** Files of the first commit on the default branch. */
  readonly files?: Readonly<Record<string, string | Buffer>>;
  /** Author of the first commit (default: the owner). */
  readonly author?: IdentityInput;
  /** `owner/name` of the parent when this is a fork (shares its commits). */
  readonly forkOf?: string;
  /**
   * Install the default app on the owner account (true), or add the
   * repository to this installation id. Default: true when a default app exists.
   */
  readonly installation?: boolean | number;
  /** A repository integ-gate must never read: any request naming it fails the test (emulator/request-scope.ts). */
  readonly outsider?: boolean;
}

export interface CreatePullInput {
  readonly repo: string;
  readonly title?: string;
  readonly body?: string;
  /** Login of the author (default: the author of the head commit, else the repo owner). */
  readonly author?: string;
  /** Head branch (in `headRepo`, default the base repository). */
  readonly head: string;
  /** `owner/name` of a fork holding the head branch. */
  readonly headRepo?: string;
  /** Default: the repository's default branch. */
  readonly base?: string;
  readonly draft?: boolean;
  readonly number?: number;
  /** Labels applied at creation, by the given actor (default: the author). */
  readonly labels?: readonly (string | { readonly name: string; readonly actor: string })[];
}

export interface ReviewInput {
  readonly user: string;
  readonly state: Exclude<ReviewStateName, "DISMISSED" | "PENDING">;
  readonly body?: string;
  /** Default: the PR's head commit. */
  readonly commitId?: string;
}

export interface AppInput {
  readonly id?: number;
  readonly slug?: string;
  readonly name?: string;
  readonly owner?: string;
  readonly webhookSecret?: string;
  readonly permissions?: InstallationPermissions;
  readonly events?: readonly string[];
  /** Generate a fresh key pair instead of the process-wide shared one. */
  readonly freshKey?: boolean;
}

export interface TokenInput {
  readonly kind?: TokenKind;
  /** For installation tokens: issue a token of this installation. */
  readonly installationId?: number;
  /** Acting login; default from the kind (`github-actions[bot]`, the app bot, or a new user). */
  readonly login?: string;
  readonly permissions?: InstallationPermissions;
  /** `owner/name` list the token is limited to. */
  readonly repositories?: readonly string[];
  /** Lifetime in ms (real time). Default one hour. */
  readonly ttlMs?: number;
  /** How a team member read without `members` permission is refused. Default 403. */
  readonly teamDenial?: 403 | 404;
}

/** The permissions GitHub gives an Actions `GITHUB_TOKEN` for a pull request from a fork. */
export const READ_ONLY_PERMISSIONS: InstallationPermissions = {
  actions: "read",
  checks: "read",
  contents: "read",
  issues: "read",
  metadata: "read",
  pull_requests: "read",
  statuses: "read",
};

/** Default installation permissions of the emulated app (integ-gate's least privileges). */
export const DEFAULT_APP_PERMISSIONS: InstallationPermissions = {
  checks: "write",
  contents: "read",
  issues: "write",
  members: "read",
  metadata: "read",
  pull_requests: "write",
  statuses: "write",
  merge_queues: "read",
};

/** A GitHub Actions `GITHUB_TOKEN` with the default (permissive) workflow permissions. */
export const ACTIONS_DEFAULT_PERMISSIONS: InstallationPermissions = {
  actions: "write",
  checks: "write",
  contents: "write",
  issues: "write",
  metadata: "read",
  pull_requests: "write",
  statuses: "write",
};

const GITHUB_ACTIONS_APP_ID = 15368;
const STALE_AFTER_MS = 14 * 24 * 3600 * 1000;

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function lower(s: string): string {
  return s.toLowerCase();
}

/** Kinds of objects addressable by GraphQL node id. */
export type NodeRef =
  | { readonly kind: "user"; readonly login: string }
  | { readonly kind: "repo"; readonly fullName: string }
  | { readonly kind: "pull"; readonly repo: string; readonly number: number }
  | { readonly kind: "review"; readonly repo: string; readonly number: number; readonly id: number }
  | { readonly kind: "team"; readonly org: string; readonly slug: string }
  | { readonly kind: "checkRun"; readonly repo: string; readonly id: number };

/**
 * Everything the emulated GitHub knows. Tests and the demo seed it and tell
 * stories with the user-action helpers; the REST and GraphQL layers read and
 * write it. Repositories are named `owner/name`, users by login.
 */
export class EmulatorState {
  readonly git = new GitObjectStore();
  readonly users = new Map<string, UserRecord>();
  readonly teams = new Map<string, TeamRecord>();
  readonly repos = new Map<string, RepoRecord>();
  readonly apps = new Map<number, AppRecord>();
  readonly installations = new Map<number, InstallationRecord>();
  readonly tokens = new Map<string, TokenRecord>();
  readonly nodes = new Map<string, NodeRef>();
  /** The app that `createRepo({ installation: true })` installs (set by `startEmulator`). */
  defaultAppId: number | undefined;
  /**
   * Whether requests are checked against the scenario's repositories
   * (emulator/request-scope.ts). Only the emulator's own tests of 404s and
   * the like switch it off.
   */
  scopeGuard = true;
  #nextId = 1000;
  #offsetMs = 0;
  #lastActionMs = 0;
  readonly #diffCache = new Map<string, PullDiffEntry[]>();

  constructor() {
    this.ensureUser("web-flow", { name: "GitHub", email: "noreply@github.com" });
    this.ensureUser("github-actions[bot]", { type: "Bot", id: 41898282 });
  }

  // ---- clock -------------------------------------------------------------

  /** Emulated time in epoch ms (real time plus `advanceClock` offsets). */
  nowMs(): number {
    return Date.now() + this.#offsetMs;
  }

  /** Emulated time, ISO 8601 with seconds, like GitHub. */
  now(): string {
    return isoSeconds(this.nowMs());
  }

  /**
   * The time of a user action: never earlier than one second after the
   * previous action, so a story's steps are ordered even at GitHub's
   * one-second timestamp resolution.
   */
  actionTime(): string {
    const ms = Math.max(this.nowMs(), this.#lastActionMs + 1000);
    this.#lastActionMs = ms;
    return isoSeconds(ms);
  }

  /** Moves the emulated clock forward (e.g. 15 days to make incomplete check runs stale). Tokens and JWTs keep real time. */
  advanceClock(ms: number): void {
    this.#offsetMs += ms;
  }

  // ---- ids ---------------------------------------------------------------

  newId(): number {
    return this.#nextId++;
  }

  newNodeId(prefix: string, id: number, ref: NodeRef): string {
    const nodeId = `${prefix}_kwDO${Buffer.from(`${prefix}:${id}`).toString("base64url")}`;
    this.nodes.set(nodeId, ref);
    return nodeId;
  }

  // ---- accounts ----------------------------------------------------------

  user(login: string): UserRecord | undefined {
    return this.users.get(lower(login));
  }

  /** Returns the account with that login, creating a user (or bot, for `x[bot]`) when missing. */
  ensureUser(
    login: string,
    opts: { name?: string; email?: string; type?: UserRecord["type"]; id?: number; emails?: readonly string[] } = {},
  ): UserRecord {
    const existing = this.users.get(lower(login));
    if (existing) {
      if (opts.name !== undefined) existing.name = opts.name;
      if (opts.email !== undefined) existing.email = opts.email;
      if (opts.emails) existing.emails.push(...opts.emails.map(lower));
      return existing;
    }
    const id = opts.id ?? this.newId();
    const type = opts.type ?? (login.endsWith("[bot]") ? "Bot" : "User");
    const record: UserRecord = {
      id,
      nodeId: this.newNodeId(type === "Organization" ? "O" : type === "Bot" ? "BOT" : "U", id, { kind: "user", login }),
      login,
      type,
      name: opts.name ?? (type === "User" ? login : null),
      email: opts.email ?? null,
      emails: [...(opts.emails ?? [])].map(lower),
      createdAt: this.now(),
    };
    this.users.set(lower(login), record);
    return record;
  }

  /** Creates a user. `email` is public and resolves commit identities, as do `emails` and the noreply address. */
  createUser(input: { login: string; name?: string; email?: string; emails?: readonly string[] }): UserRecord {
    return this.ensureUser(input.login, input);
  }

  createOrg(input: { login: string; name?: string }): UserRecord {
    return this.ensureUser(input.login, { type: "Organization", ...(input.name ? { name: input.name } : {}) });
  }

  /** GitHub's noreply address for a user: `ID+login@users.noreply.github.com`. */
  noreplyEmail(login: string): string {
    const u = this.ensureUser(login);
    return `${u.id}+${u.login}@users.noreply.github.com`;
  }

  /** The account GitHub maps a commit email to, or undefined (unresolved identity). */
  resolveEmail(email: string): UserRecord | undefined {
    const e = lower(email.trim());
    const noreply = /^(?:(\d+)\+)?([a-z0-9-]+(?:\[bot\])?)@users\.noreply\.github\.com$/.exec(e);
    if (noreply?.[2]) {
      const u = this.users.get(noreply[2]);
      if (u && (noreply[1] === undefined || Number(noreply[1]) === u.id)) return u;
    }
    for (const u of this.users.values()) {
      if ((u.email && lower(u.email) === e) || u.emails.includes(e)) return u;
    }
    return undefined;
  }

  // ---- teams -------------------------------------------------------------

  team(org: string, slug: string): TeamRecord | undefined {
    return this.teams.get(`${lower(org)}/${lower(slug)}`);
  }

  createTeam(input: {
    org: string;
    slug: string;
    name?: string;
    members?: readonly string[];
    parent?: string;
    privacy?: "closed" | "secret";
    description?: string;
  }): TeamRecord {
    if (!this.user(input.org)) this.createOrg({ login: input.org });
    const id = this.newId();
    const team: TeamRecord = {
      id,
      nodeId: this.newNodeId("T", id, { kind: "team", org: input.org, slug: input.slug }),
      org: this.user(input.org)?.login ?? input.org,
      slug: input.slug,
      name: input.name ?? input.slug,
      description: input.description ?? null,
      privacy: input.privacy ?? "closed",
      parentSlug: input.parent ?? null,
      members: new Set(),
      createdAt: this.now(),
    };
    this.teams.set(`${lower(input.org)}/${lower(input.slug)}`, team);
    for (const m of input.members ?? []) this.addTeamMember(input.org, input.slug, m);
    return team;
  }

  addTeamMember(org: string, slug: string, login: string): void {
    const team = this.requireTeam(org, slug);
    team.members.add(this.ensureUser(login).login);
  }

  removeTeamMember(org: string, slug: string, login: string): void {
    const team = this.requireTeam(org, slug);
    for (const m of team.members) if (lower(m) === lower(login)) team.members.delete(m);
  }

  /** Child teams (direct children only). */
  childTeams(team: TeamRecord): TeamRecord[] {
    return [...this.teams.values()].filter(
      (t) => lower(t.org) === lower(team.org) && t.parentSlug !== null && lower(t.parentSlug) === lower(team.slug),
    );
  }

  /** Members of a team and (for "all") of its child teams, each once, sorted by login like GitHub. */
  teamMembers(team: TeamRecord, membership: "all" | "immediate" | "child" = "all"): UserRecord[] {
    const logins = new Map<string, string>();
    const visit = (t: TeamRecord, depth: number, seen: Set<number>): void => {
      if (seen.has(t.id)) return;
      seen.add(t.id);
      const include = membership === "all" || (membership === "immediate" ? depth === 0 : depth > 0);
      if (include) for (const m of t.members) logins.set(lower(m), m);
      if (membership !== "immediate") for (const c of this.childTeams(t)) visit(c, depth + 1, seen);
    };
    visit(team, 0, new Set());
    return [...logins.values()]
      .map((l) => this.ensureUser(l))
      .sort((a, b) => (lower(a.login) < lower(b.login) ? -1 : 1));
  }

  requireTeam(org: string, slug: string): TeamRecord {
    const t = this.team(org, slug);
    if (!t) throw new Error(`emulator: no team ${org}/${slug}`);
    return t;
  }

  // ---- apps and tokens ----------------------------------------------------

  createApp(input: AppInput = {}): AppRecord {
    const keys = input.freshKey ? generateAppKeyPair() : sharedAppKeyPair();
    const id = input.id ?? this.newId();
    const slug = input.slug ?? "integ-gate";
    const owner = input.owner ?? "integ-gate-org";
    if (!this.user(owner)) this.createOrg({ login: owner });
    const app: AppRecord = {
      id,
      nodeId: this.newNodeId("A", id, { kind: "user", login: `${slug}[bot]` }),
      slug,
      name: input.name ?? slug,
      clientId: `Iv1.${id.toString(16).padStart(16, "0")}`,
      owner,
      publicKey: keys.publicKey,
      privateKey: keys.privateKey,
      webhookSecret: input.webhookSecret ?? "emulator-webhook-secret",
      permissions: { ...(input.permissions ?? DEFAULT_APP_PERMISSIONS) },
      events: [
        ...(input.events ?? [
          "check_run",
          "check_suite",
          "issue_comment",
          "merge_group",
          "pull_request",
          "pull_request_review",
          "push",
          "repository",
        ]),
      ],
      createdAt: this.now(),
    };
    this.apps.set(id, app);
    this.ensureUser(`${slug}[bot]`, { type: "Bot" });
    return app;
  }

  /** Installs an app on an account (all its repositories unless a list is given). */
  installApp(input: {
    appId: number;
    account: string;
    repositories?: readonly string[];
    permissions?: InstallationPermissions;
    id?: number;
  }): InstallationRecord {
    const app = this.apps.get(input.appId);
    if (!app) throw new Error(`emulator: no app ${input.appId}`);
    const account = this.user(input.account) ?? this.createOrg({ login: input.account });
    const id = input.id ?? this.newId();
    const inst: InstallationRecord = {
      id,
      appId: app.id,
      account: account.login,
      permissions: { ...(input.permissions ?? app.permissions) },
      repositorySelection: input.repositories ? "selected" : "all",
      repos: new Set((input.repositories ?? []).map((r) => lower(r.includes("/") ? r : `${account.login}/${r}`))),
      createdAt: this.now(),
    };
    this.installations.set(id, inst);
    return inst;
  }

  /** The id of the default app's installation that reaches a repository. */
  installationIdFor(fullName: string, appId: number | undefined = this.defaultAppId): number {
    const inst = appId === undefined ? undefined : this.installationFor(appId, fullName);
    if (!inst) throw new Error(`emulator: no installation reaches ${fullName}`);
    return inst.id;
  }

  /** The installation of `appId` that can reach a repository. */
  installationFor(appId: number, fullName: string): InstallationRecord | undefined {
    const repo = this.repo(fullName);
    if (!repo) return undefined;
    for (const inst of this.installations.values()) {
      if (inst.appId !== appId || lower(inst.account) !== lower(repo.owner)) continue;
      if (inst.repositorySelection === "all" || inst.repos.has(lower(repo.fullName))) return inst;
    }
    return undefined;
  }

  /**
   * Issues a token. `installation` tokens act as the app's bot; `actions`
   * tokens act like an Actions `GITHUB_TOKEN` (app github-actions); `user`
   * tokens act as a person (and cannot write check runs, like a PAT).
   */
  createToken(input: TokenInput = {}): TokenRecord {
    const kind = input.kind ?? (input.installationId !== undefined ? "installation" : "actions");
    let appId: number | null = null;
    let login = input.login ?? "";
    let permissions = input.permissions;
    let repos: Set<string> | null = input.repositories ? new Set(input.repositories.map(lower)) : null;
    const installationId = input.installationId ?? null;
    if (kind === "installation") {
      const inst = installationId === null ? undefined : this.installations.get(installationId);
      if (!inst) throw new Error(`emulator: no installation ${String(installationId)}`);
      const app = this.apps.get(inst.appId);
      appId = inst.appId;
      login ||= `${app?.slug ?? "app"}[bot]`;
      permissions ??= inst.permissions;
      if (!repos && inst.repositorySelection === "selected") repos = new Set(inst.repos);
      if (!repos) {
        repos = new Set(
          [...this.repos.values()].filter((r) => lower(r.owner) === lower(inst.account)).map((r) => lower(r.fullName)),
        );
        // "all": repositories created later are reachable too.
        repos = null;
      }
    } else if (kind === "actions") {
      appId = GITHUB_ACTIONS_APP_ID;
      login ||= "github-actions[bot]";
      permissions ??= ACTIONS_DEFAULT_PERMISSIONS;
    } else {
      login ||= "octocat";
      permissions ??= {};
    }
    this.ensureUser(login);
    const record: TokenRecord = {
      token: newTokenString(kind),
      kind,
      appId,
      installationId: kind === "installation" ? installationId : null,
      login,
      permissions: { ...permissions },
      repos,
      expiresAt: Date.now() + (input.ttlMs ?? 3600_000),
      teamDenial: input.teamDenial ?? 403,
    };
    this.tokens.set(record.token, record);
    return record;
  }

  // ---- repositories ---------------------------------------------------------

  repo(fullName: string): RepoRecord | undefined {
    return this.repos.get(lower(fullName));
  }

  requireRepo(fullName: string): RepoRecord {
    const r = this.repo(fullName);
    if (!r) throw new Error(`emulator: no repository ${fullName}`);
    return r;
  }

  createRepo(input: CreateRepoInput): RepoRecord {
    const ownerUser = this.user(input.owner) ?? this.createOrg({ login: input.owner });
    const fullName = `${ownerUser.login}/${input.name}`;
    if (this.repo(fullName)) throw new Error(`emulator: repository ${fullName} exists`);
    const id = this.newId();
    const parent = input.forkOf ? this.requireRepo(input.forkOf) : undefined;
    const now = this.now();
    const repo: RepoRecord = {
      id,
      nodeId: this.newNodeId("R", id, { kind: "repo", fullName }),
      owner: ownerUser.login,
      name: input.name,
      fullName,
      defaultBranch: input.defaultBranch ?? parent?.defaultBranch ?? "main",
      private: input.private ?? true,
      outsider: input.outsider ?? false,
      description: input.description ?? null,
      parent: parent?.fullName ?? null,
      refs: new Map(parent ? parent.refs : []),
      createdAt: now,
      pushedAt: now,
      updatedAt: now,
      collaborators: new Map(),
      labels: new Map(),
      nextNumber: 1,
      pulls: new Map(),
      comments: [],
      checkRuns: [],
      checkSuites: [],
      statuses: [],
      mergeQueues: new Map(),
    };
    if (ownerUser.type === "User") repo.collaborators.set(lower(ownerUser.login), "admin");
    this.repos.set(lower(fullName), repo);
    const install = input.installation ?? this.defaultAppId !== undefined;
    if (typeof install === "number") {
      const inst = this.installations.get(install);
      if (!inst) throw new Error(`emulator: no installation ${install}`);
      if (inst.repositorySelection === "selected") inst.repos.add(lower(fullName));
    } else if (install && this.defaultAppId !== undefined && !this.installationFor(this.defaultAppId, fullName)) {
      const existing = [...this.installations.values()].find(
        (i) => i.appId === this.defaultAppId && lower(i.account) === lower(ownerUser.login),
      );
      if (existing) existing.repos.add(lower(fullName));
      else this.installApp({ appId: this.defaultAppId, account: ownerUser.login });
    }
    if (!parent) {
      this.commit({
        repo: fullName,
        branch: repo.defaultBranch,
        message: "Initial commit",
        files: input.files ?? { "README.md": `# ${input.name}\n` },
        ...(input.author ? { author: input.author } : {}),
      });
    }
    return repo;
  }

  /** Sets a collaborator's permission (what `GET /collaborators/{user}/permission` answers). */
  setCollaborator(repoName: string, login: string, permission: CollaboratorPermission): void {
    this.ensureUser(login);
    this.requireRepo(repoName).collaborators.set(lower(login), permission);
  }

  /** The permission a user has on a repository ("none" when not a collaborator). */
  permissionOf(repoName: string, login: string): CollaboratorPermission | "none" {
    const repo = this.requireRepo(repoName);
    const direct = repo.collaborators.get(lower(login));
    if (direct) return direct;
    if (lower(login) === lower(repo.owner)) return "admin";
    return repo.private ? "none" : "read";
  }

  label(repoName: string, name: string): LabelRecord {
    const repo = this.requireRepo(repoName);
    let l = repo.labels.get(lower(name));
    if (!l) {
      const id = this.newId();
      l = { id, nodeId: `LA_kwDO${Buffer.from(`LA:${id}`).toString("base64url")}`, name, color: "ededed", description: "" };
      repo.labels.set(lower(name), l);
    }
    return l;
  }

  /** Resolves a branch name, full sha or abbreviated sha to a commit sha. */
  resolveRef(repoName: string, ref: string): string | undefined {
    const repo = this.requireRepo(repoName);
    const stripped = ref.replace(/^refs\/heads\//, "").replace(/^heads\//, "");
    const byBranch = repo.refs.get(stripped);
    if (byBranch) return byBranch;
    const sha = this.git.expand(ref);
    if (sha && this.git.commit(sha)) return sha;
    return undefined;
  }

  #identity(input: IdentityInput, date: string): GitSignature {
    if (typeof input === "string") {
      if (lower(input) === "web-flow") return { name: "GitHub", email: "noreply@github.com", date };
      const u = this.ensureUser(input);
      return { name: u.name ?? u.login, email: u.email ?? this.noreplyEmail(u.login), date };
    }
    return { name: input.name, email: input.email, date };
  }

  /** Makes a commit (and moves the branch). Returns the new sha. */
  commit(input: CommitInput): string {
    const repo = this.requireRepo(input.repo);
    const branch = input.branch ?? repo.defaultBranch;
    let parents: string[];
    if (input.parents) {
      parents = [...input.parents];
    } else {
      const tip = repo.refs.get(branch) ?? (input.from ? this.resolveRef(input.repo, input.from) : repo.refs.get(repo.defaultBranch));
      parents = tip ? [tip] : [];
    }
    const firstParent = parents[0] ? this.git.commit(parents[0]) : undefined;
    const files = new Map(firstParent?.files ?? []);
    const renames = new Map<string, string>();
    for (const [path, change] of Object.entries(input.files ?? {})) {
      if (change === null) {
        files.delete(path);
      } else if (typeof change === "string" || Buffer.isBuffer(change)) {
        files.set(path, this.git.writeBlob(change));
      } else {
        const old = files.get(change.from);
        if (old === undefined) throw new Error(`emulator: cannot rename missing ${change.from}`);
        files.delete(change.from);
        files.set(path, change.content === undefined ? old : this.git.writeBlob(change.content));
        renames.set(path, change.from);
      }
    }
    const date = input.date ?? this.actionTime();
    const authorInput = input.author ?? repo.owner;
    const author = this.#identity(authorInput, date);
    const committer = this.#identity(input.committer ?? authorInput, date);
    let message = input.message ?? "Update files";
    if (input.coAuthors && input.coAuthors.length > 0) {
      const trailers = input.coAuthors.map((c) => {
        const sig = this.#identity(c, date);
        return `Co-authored-by: ${sig.name} <${sig.email}>`;
      });
      message = `${message.trimEnd()}\n\n${trailers.join("\n")}\n`;
    }
    const sha = this.git.writeCommit({ files, parents, author, committer, message, renames });
    this.#moveBranch(repo, branch, sha);
    return sha;
  }

  #moveBranch(repo: RepoRecord, branch: string, sha: string): void {
    repo.refs.set(branch, sha);
    repo.pushedAt = this.now();
    for (const r of this.repos.values()) {
      for (const pr of r.pulls.values()) {
        if (pr.state === "open" && pr.headRepo !== null && lower(pr.headRepo) === lower(repo.fullName) && pr.headRef === branch) {
          pr.headSha = sha;
          pr.updatedAt = this.now();
        }
      }
    }
  }

  /** Points a branch at an existing commit (a force push, or creating a branch). */
  setBranch(repoName: string, branch: string, sha: string): void {
    this.#moveBranch(this.requireRepo(repoName), branch, sha);
  }

  /** The commit a path has at a ref, or undefined. */
  fileAt(repoName: string, ref: string, path: string): { sha: string; content: Buffer } | undefined {
    const sha = this.resolveRef(repoName, ref);
    const commit = sha ? this.git.commit(sha) : undefined;
    const blobSha = commit?.files.get(path.replace(/^\/+/, ""));
    const blob = blobSha ? this.git.blob(blobSha) : undefined;
    return blob ? { sha: blob.sha, content: blob.content } : undefined;
  }

  // ---- pull requests -------------------------------------------------------

  pull(repoName: string, number: number): PullRecord | undefined {
    return this.repo(repoName)?.pulls.get(number);
  }

  requirePull(repoName: string, number: number): PullRecord {
    const pr = this.pull(repoName, number);
    if (!pr) throw new Error(`emulator: no pull request ${repoName}#${number}`);
    return pr;
  }

  createPullRequest(input: CreatePullInput): PullRecord {
    const repo = this.requireRepo(input.repo);
    const headRepoName = input.headRepo ?? repo.fullName;
    const headRepo = this.requireRepo(headRepoName);
    const headSha = headRepo.refs.get(input.head);
    if (!headSha) throw new Error(`emulator: no branch ${input.head} in ${headRepoName}`);
    const number = input.number ?? repo.nextNumber;
    repo.nextNumber = Math.max(repo.nextNumber, number + 1);
    const headCommit = this.git.commit(headSha);
    const author =
      input.author ?? (headCommit ? this.resolveEmail(headCommit.author.email)?.login : undefined) ?? repo.owner;
    this.ensureUser(author);
    const id = this.newId();
    const now = this.actionTime();
    const pr: PullRecord = {
      id,
      nodeId: this.newNodeId("PR", id, { kind: "pull", repo: repo.fullName, number }),
      number,
      title: input.title ?? `Pull request ${number}`,
      body: input.body ?? "",
      author,
      state: "open",
      merged: false,
      mergedAt: null,
      mergeCommitSha: null,
      closedAt: null,
      draft: input.draft ?? false,
      headRef: input.head,
      headRepo: headRepo.fullName,
      headSha,
      baseRef: input.base ?? repo.defaultBranch,
      createdAt: now,
      updatedAt: now,
      lastEditedAt: null,
      bodyEdits: [],
      labels: [],
      events: [],
      reviews: [],
      requestedReviewers: { users: [], teams: [] },
    };
    repo.pulls.set(number, pr);
    for (const l of input.labels ?? []) {
      if (typeof l === "string") this.addLabel(repo.fullName, number, l, author);
      else this.addLabel(repo.fullName, number, l.name, l.actor);
    }
    return pr;
  }

  /** Commits to the PR's head branch (in its head repository), like a developer pushing. */
  pushToPullRequest(repoName: string, number: number, commit: Omit<CommitInput, "repo" | "branch">): string {
    const pr = this.requirePull(repoName, number);
    if (pr.headRepo === null) throw new Error("emulator: the head repository was deleted");
    return this.commit({ ...commit, repo: pr.headRepo, branch: pr.headRef });
  }

  /** "Update branch": merges the base branch into the head branch, committed by web-flow. */
  updateBranch(repoName: string, number: number, by: string): string {
    const pr = this.requirePull(repoName, number);
    const base = this.requireRepo(repoName).refs.get(pr.baseRef);
    if (!base || pr.headRepo === null) throw new Error("emulator: cannot update branch");
    const head = this.git.commit(pr.headSha);
    const baseCommit = this.git.commit(base);
    const files: Record<string, string | null> = {};
    for (const [p, sha] of baseCommit?.files ?? []) {
      if (head?.files.get(p) !== sha) files[p] = this.git.blob(sha)?.content.toString("utf8") ?? "";
    }
    return this.commit({
      repo: pr.headRepo,
      branch: pr.headRef,
      parents: [pr.headSha, base],
      message: `Merge branch '${pr.baseRef}' into ${pr.headRef}`,
      author: by,
      committer: "web-flow",
      files,
    });
  }

  addReview(repoName: string, number: number, input: ReviewInput): ReviewRecord {
    const pr = this.requirePull(repoName, number);
    const user = this.ensureUser(input.user);
    const id = this.newId();
    const review: ReviewRecord = {
      id,
      nodeId: this.newNodeId("PRR", id, { kind: "review", repo: repoName, number, id }),
      user: user.login,
      state: input.state,
      body: input.body ?? "",
      commitId: input.commitId ?? pr.headSha,
      submittedAt: this.actionTime(),
    };
    pr.reviews.push(review);
    pr.requestedReviewers.users = pr.requestedReviewers.users.filter((u) => lower(u) !== lower(user.login));
    pr.updatedAt = review.submittedAt;
    return review;
  }

  dismissReview(repoName: string, number: number, reviewId: number): ReviewRecord {
    const pr = this.requirePull(repoName, number);
    const review = pr.reviews.find((r) => r.id === reviewId);
    if (!review) throw new Error(`emulator: no review ${reviewId}`);
    review.state = "DISMISSED";
    pr.updatedAt = this.actionTime();
    return review;
  }

  /** Edits the description; sets `lastEditedAt` like GitHub. */
  editPullRequestBody(repoName: string, number: number, body: string, editor?: string): PullRecord {
    const pr = this.requirePull(repoName, number);
    const editedAt = this.actionTime();
    // GitHub's history starts with the text as created, then one entry per edit (newest first).
    if (pr.bodyEdits.length === 0) pr.bodyEdits.unshift({ id: this.newId(), editedAt: pr.createdAt, editor: pr.author ?? "ghost", body: pr.body });
    pr.bodyEdits.unshift({ id: this.newId(), editedAt, editor: editor ?? pr.author ?? "ghost", body });
    pr.body = body;
    pr.lastEditedAt = editedAt;
    pr.updatedAt = pr.lastEditedAt;
    return pr;
  }

  editPullRequest(repoName: string, number: number, change: { title?: string; base?: string; draft?: boolean }): PullRecord {
    const pr = this.requirePull(repoName, number);
    const at = this.actionTime();
    if (change.title !== undefined) {
      pr.title = change.title;
      pr.lastEditedAt = at;
    }
    if (change.base !== undefined) pr.baseRef = change.base;
    if (change.draft !== undefined && change.draft !== pr.draft) {
      pr.draft = change.draft;
      this.#event(pr, change.draft ? "convert_to_draft" : "ready_for_review", pr.author, at);
    }
    pr.updatedAt = at;
    return pr;
  }

  #event(pr: PullRecord, event: IssueEventKind, actor: string | null, at: string, label?: LabelRecord): IssueEventRecord {
    const id = this.newId();
    const rec: IssueEventRecord = {
      id,
      nodeId: `${event === "labeled" ? "LE" : event === "unlabeled" ? "UNLE" : "IE"}_kwDO${Buffer.from(`E:${id}`).toString("base64url")}`,
      event,
      actor,
      ...(label ? { label: { name: label.name, color: label.color } } : {}),
      createdAt: at,
    };
    pr.events.push(rec);
    return rec;
  }

  /** Applies a label as `actor` (recorded as a `labeled` timeline event). */
  addLabel(repoName: string, number: number, name: string, actor: string): void {
    const pr = this.requirePull(repoName, number);
    const label = this.label(repoName, name);
    if (pr.labels.some((l) => lower(l) === lower(name))) return;
    const by = this.ensureUser(actor).login;
    pr.labels.push(label.name);
    pr.updatedAt = this.actionTime();
    this.#event(pr, "labeled", by, pr.updatedAt, label);
  }

  removeLabel(repoName: string, number: number, name: string, actor: string): void {
    const pr = this.requirePull(repoName, number);
    const idx = pr.labels.findIndex((l) => lower(l) === lower(name));
    if (idx < 0) return;
    const label = this.label(repoName, name);
    pr.labels.splice(idx, 1);
    pr.updatedAt = this.actionTime();
    this.#event(pr, "unlabeled", this.ensureUser(actor).login, pr.updatedAt, label);
  }

  closePullRequest(repoName: string, number: number, opts: { merge?: boolean; by?: string } = {}): PullRecord {
    const pr = this.requirePull(repoName, number);
    const at = this.actionTime();
    pr.state = "closed";
    pr.closedAt = at;
    pr.updatedAt = at;
    if (opts.merge) {
      const repo = this.requireRepo(repoName);
      const baseSha = repo.refs.get(pr.baseRef);
      const head = this.git.commit(pr.headSha);
      const files: Record<string, string | null> = {};
      for (const [p, sha] of head?.files ?? []) files[p] = this.git.blob(sha)?.content.toString("utf8") ?? "";
      pr.mergeCommitSha = this.commit({
        repo: repoName,
        branch: pr.baseRef,
        parents: baseSha ? [baseSha, pr.headSha] : [pr.headSha],
        message: `Merge pull request #${number} from ${pr.headRepo ?? "deleted"}/${pr.headRef}`,
        author: opts.by ?? repo.owner,
        committer: "web-flow",
        files,
      });
      pr.merged = true;
      pr.mergedAt = at;
    }
    this.#event(pr, "closed", opts.by ?? pr.author, at);
    return pr;
  }

  reopenPullRequest(repoName: string, number: number, by?: string): PullRecord {
    const pr = this.requirePull(repoName, number);
    pr.state = "open";
    pr.closedAt = null;
    pr.updatedAt = this.actionTime();
    this.#event(pr, "reopened", by ?? pr.author, pr.updatedAt);
    return pr;
  }

  /** Deletes the fork a PR comes from (`head.repo` becomes null, the head sha stays). */
  deleteHeadRepository(repoName: string, number: number): void {
    this.requirePull(repoName, number).headRepo = null;
  }

  /** Base commit of a PR: the base branch tip. */
  pullBaseSha(pr: PullRecord, repoName: string): string {
    // A merged PR keeps its commits and files: its base is where the base branch was when it merged.
    const mergedFrom = pr.mergeCommitSha === null ? undefined : this.git.commit(pr.mergeCommitSha)?.parents[0];
    if (pr.merged && mergedFrom !== undefined) return mergedFrom;
    return this.requireRepo(repoName).refs.get(pr.baseRef) ?? pr.headSha;
  }

  /** Commits of a PR, oldest first (every commit reachable from head and not from base). */
  pullCommits(repoName: string, pr: PullRecord): CommitObject[] {
    return listPullCommits(this.git, pr.headSha, this.pullBaseSha(pr, repoName));
  }

  /** Files of a PR (three-dot diff against the merge base), renames detected. */
  pullFiles(repoName: string, pr: PullRecord): PullDiffEntry[] {
    const base = this.pullBaseSha(pr, repoName);
    const key = `${base}..${pr.headSha}`;
    let files = this.#diffCache.get(key);
    if (!files) {
      files = computePullDiff(this.git, base, pr.headSha);
      if (this.#diffCache.size > 500) this.#diffCache.clear();
      this.#diffCache.set(key, files);
    }
    return files;
  }

  /** Open PRs whose head commit is `sha` (what `GET /commits/{sha}/pulls` and check suites use). */
  pullsForCommit(repoName: string, sha: string): PullRecord[] {
    const repo = this.requireRepo(repoName);
    return [...repo.pulls.values()].filter((p) => p.headSha === sha || this.git.ancestors(p.headSha).has(sha));
  }

  /** Puts PRs in the merge queue of a branch, in order. */
  /** Puts PRs in a branch's merge queue, in order; `groupShas[i]` is entry i's merge group commit (as GitHub's `MergeQueueEntry.headCommit`). */
  setMergeQueue(repoName: string, branch: string, numbers: readonly number[], groupShas: readonly (string | null)[] = []): void {
    this.requireRepo(repoName).mergeQueues.set(branch, numbers.map((number, i) => ({ number, groupSha: groupShas[i] ?? null })));
  }

  /**
   * Creates the temporary merge-group commit GitHub makes for the queue
   * (`gh-readonly-queue/<base>/pr-<n>-<sha>`): the base tip plus the queued
   * PRs' heads. Returns the head sha and ref.
   */
  createMergeGroup(repoName: string, branch: string, numbers: readonly number[]): { headSha: string; headRef: string; baseSha: string } {
    const repo = this.requireRepo(repoName);
    const baseSha = repo.refs.get(branch);
    if (!baseSha) throw new Error(`emulator: no branch ${branch}`);
    let parent = baseSha;
    let last = numbers[0] ?? 0;
    let lastHead = baseSha;
    const groupShas: string[] = [];
    for (const n of numbers) {
      const pr = this.requirePull(repoName, n);
      const head = this.git.commit(pr.headSha);
      const files: Record<string, string> = {};
      for (const [p, sha] of head?.files ?? []) files[p] = this.git.blob(sha)?.content.toString("utf8") ?? "";
      parent = this.git.writeCommit({
        files: new Map([...(this.git.commit(parent)?.files ?? []), ...(head?.files ?? [])]),
        parents: [parent, pr.headSha],
        author: { name: "GitHub", email: "noreply@github.com", date: this.now() },
        committer: { name: "GitHub", email: "noreply@github.com", date: this.now() },
        message: `Merge pull request #${n} from ${pr.headRepo ?? "deleted"}/${pr.headRef}`,
      });
      last = n;
      lastHead = pr.headSha;
      groupShas.push(parent);
    }
    const headRef = `gh-readonly-queue/${branch}/pr-${last}-${lastHead}`;
    repo.refs.set(headRef, parent);
    this.setMergeQueue(repoName, branch, numbers, groupShas);
    return { headSha: parent, headRef, baseSha };
  }

  // ---- written state -------------------------------------------------------

  /** Check runs of a repository, optionally for one commit and name, oldest first. Marks stale runs first. */
  checkRuns(repoName: string, filter: { headSha?: string; name?: string } = {}): CheckRunRecord[] {
    this.markStale(repoName);
    return this.requireRepo(repoName).checkRuns.filter(
      (r) => (filter.headSha === undefined || r.headSha === filter.headSha) && (filter.name === undefined || r.name === filter.name),
    );
  }

  /** GitHub marks runs left incomplete for 14 days as completed/stale. */
  markStale(repoName: string): void {
    const now = this.nowMs();
    for (const run of this.requireRepo(repoName).checkRuns) {
      if (run.status !== "completed" && now - Date.parse(run.createdAt) >= STALE_AFTER_MS) {
        run.status = "completed";
        run.conclusion = "stale";
        run.completedAt = isoSeconds(Date.parse(run.createdAt) + STALE_AFTER_MS);
      }
    }
  }

  /** Makes a check run older by `days` (so that 14 days make it stale). */
  ageCheckRun(repoName: string, id: number, days: number): void {
    const run = this.requireRepo(repoName).checkRuns.find((r) => r.id === id);
    if (!run) throw new Error(`emulator: no check run ${id}`);
    const shift = (iso: string): string => isoSeconds(Date.parse(iso) - days * 24 * 3600 * 1000);
    run.createdAt = shift(run.createdAt);
    run.startedAt = shift(run.startedAt);
  }

  checkSuiteFor(repoName: string, headSha: string, appId: number, headBranch: string | null): CheckSuiteRecord {
    const repo = this.requireRepo(repoName);
    let suite = repo.checkSuites.find((s) => s.headSha === headSha && s.appId === appId);
    if (!suite) {
      const id = this.newId();
      suite = {
        id,
        nodeId: `CS_kwDO${Buffer.from(`CS:${id}`).toString("base64url")}`,
        repo: repo.fullName,
        headSha,
        headBranch,
        appId,
        createdAt: this.now(),
        updatedAt: this.now(),
      };
      repo.checkSuites.push(suite);
    }
    return suite;
  }

  /** Commit statuses of a repository, optionally for one sha, oldest first. */
  statuses(repoName: string, sha?: string): StatusRecord[] {
    return this.requireRepo(repoName).statuses.filter((s) => sha === undefined || s.sha === sha);
  }

  issueComments(repoName: string, number?: number): IssueCommentRecord[] {
    return this.requireRepo(repoName).comments.filter((c) => number === undefined || c.issueNumber === number);
  }

  /** Adds a comment as a user (e.g. `/integ-gate recheck`). */
  addIssueComment(repoName: string, number: number, user: string, body: string): IssueCommentRecord {
    const repo = this.requireRepo(repoName);
    const id = this.newId();
    const at = this.actionTime();
    const c: IssueCommentRecord = {
      id,
      nodeId: `IC_kwDO${Buffer.from(`IC:${id}`).toString("base64url")}`,
      issueNumber: number,
      user: this.ensureUser(user).login,
      body,
      createdAt: at,
      updatedAt: at,
    };
    repo.comments.push(c);
    return c;
  }

  requestedReviewers(repoName: string, number: number): { users: string[]; teams: string[] } {
    const pr = this.requirePull(repoName, number);
    return { users: [...pr.requestedReviewers.users], teams: [...pr.requestedReviewers.teams] };
  }
}
