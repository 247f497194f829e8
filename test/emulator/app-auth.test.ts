import { createSign } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateAppKeyPair } from "../../emulator/app-auth.js";
import { READ_ONLY_PERMISSIONS } from "../../emulator/emulator-state.js";
import { startEmulator, type Emulator } from "../../emulator/start-emulator.js";
import { appOctokit, installationOctokit, seedSample, tokenOctokit } from "./emulator-test-kit.js";

let em: Emulator;
let sample: ReturnType<typeof seedSample>;

beforeAll(async () => {
  em = await startEmulator();
  sample = seedSample(em);
  em.state.createRepo({ owner: "other-org", name: "secret" });
});

afterAll(async () => {
  await em.close();
});

function signJwt(privateKey: string, claims: Record<string, unknown>): string {
  const enc = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString("base64url");
  const body = `${enc({ alg: "RS256", typ: "JWT" })}.${enc(claims)}`;
  const sig = createSign("RSA-SHA256").update(body).sign(privateKey).toString("base64url");
  return `${body}.${sig}`;
}

async function status(path: string, authorization: string | undefined, init: RequestInit = {}): Promise<{ status: number; body: { message?: string } }> {
  const res = await fetch(`${em.apiUrl}${path}`, { ...init, headers: { ...(authorization ? { authorization } : {}), ...(init.headers ?? {}) } });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as { message?: string }) : {} };
}

describe("app authentication", () => {
  it("exchanges a JWT signed with the app's private key for an installation token that reads the repo", async () => {
    const gh = await installationOctokit(em, sample.repo);
    const repo = await gh.rest.repos.get({ owner: "acme", repo: "integrations" });
    expect(repo.data.full_name).toBe("acme/integrations");
    expect(em.log.count({ path: /access_tokens$/, auth: true })).toBeGreaterThan(0);
  });

  it("answers GET /app and /repos/{o}/{r}/installation to the app JWT only", async () => {
    const app = await appOctokit(em).request("GET /app");
    expect(app.data?.id).toBe(em.app.id);
    const inst = await appOctokit(em).request("GET /repos/{owner}/{repo}/installation", { owner: "acme", repo: "integrations" });
    expect(inst.data.id).toBe(em.state.installationIdFor(sample.repo));
    const gh = await installationOctokit(em, sample.repo);
    await expect(gh.request("GET /app")).rejects.toMatchObject({ status: 401 });
  });

  it("rejects JWTs signed with another key, expired, or valid for more than 10 minutes", async () => {
    const now = Math.floor(Date.now() / 1000);
    const stranger = generateAppKeyPair();
    const wrong = signJwt(stranger.privateKey, { iss: em.app.id, iat: now - 30, exp: now + 300 });
    expect((await status("/app", `Bearer ${wrong}`)).status).toBe(401);
    const expired = signJwt(em.app.privateKey, { iss: em.app.id, iat: now - 700, exp: now - 60 });
    const r1 = await status("/app", `Bearer ${expired}`);
    expect(r1.status).toBe(401);
    expect(r1.body.message).toMatch(/Expiration time/);
    const tooLong = signJwt(em.app.privateKey, { iss: em.app.id, iat: now - 30, exp: now + 3600 });
    const r2 = await status("/app", `Bearer ${tooLong}`);
    expect(r2.status).toBe(401);
    expect(r2.body.message).toMatch(/too far in the future/);
    const good = signJwt(em.app.privateKey, { iss: String(em.app.id), iat: now - 30, exp: now + 540 });
    expect((await status("/app", `Bearer ${good}`)).status).toBe(200);
  });

  it("answers 401 Bad credentials for unknown or expired tokens", async () => {
    const r = await status("/repos/acme/integrations", "token ghs_doesnotexist");
    expect(r).toMatchObject({ status: 401, body: { message: "Bad credentials" } });
    const expired = em.state.createToken({ installationId: em.state.installationIdFor(sample.repo), ttlMs: -1 });
    expect((await status("/repos/acme/integrations", `token ${expired.token}`)).status).toBe(401);
  });

  it("hides repositories outside the installation (404) and private repos from anonymous callers", async () => {
    const gh = await installationOctokit(em, sample.repo);
    await expect(gh.rest.repos.get({ owner: "other-org", repo: "secret" })).rejects.toMatchObject({ status: 404 });
    expect((await status("/repos/acme/integrations", undefined)).status).toBe(404);
  });

  it("refuses writes with a read-only token (fork PR) with GitHub's message", async () => {
    const ro = em.state.createToken({ kind: "actions", permissions: READ_ONLY_PERMISSIONS });
    const gh = tokenOctokit(em, ro.token);
    await expect(
      gh.rest.repos.createCommitStatus({ owner: "acme", repo: "integrations", sha: sample.headSha, state: "pending", context: "integ-gate/release-note" }),
    ).rejects.toMatchObject({ status: 403, message: expect.stringContaining("Resource not accessible by integration") });
    const pr = await gh.rest.pulls.get({ owner: "acme", repo: "integrations", pull_number: sample.number });
    expect(pr.status).toBe(200);
    const raw = await fetch(`${em.apiUrl}/repos/acme/integrations/statuses/${sample.headSha}`, {
      method: "POST",
      headers: { authorization: `token ${ro.token}` },
      body: JSON.stringify({ state: "success" }),
    });
    expect(raw.headers.get("x-accepted-github-permissions")).toBe("statuses=write");
    expect(em.state.statuses(sample.repo)).toHaveLength(0);
  });

  it("refuses team members without the members permission: 403 by default, 404 when configured", async () => {
    const noMembers = em.state.createToken({ kind: "actions", permissions: { contents: "read", pull_requests: "read" } });
    const gh = tokenOctokit(em, noMembers.token);
    await expect(gh.rest.teams.listMembersInOrg({ org: "acme", team_slug: "integration-owners" })).rejects.toMatchObject({ status: 403 });
    const hidden = em.state.createToken({ kind: "actions", permissions: { contents: "read" }, teamDenial: 404 });
    await expect(tokenOctokit(em, hidden.token).rest.teams.listMembersInOrg({ org: "acme", team_slug: "integration-owners" })).rejects.toMatchObject({
      status: 404,
    });
    const inst = await installationOctokit(em, sample.repo);
    const members = await inst.rest.teams.listMembersInOrg({ org: "acme", team_slug: "integration-owners" });
    // Child team members are included, as on GitHub.
    expect(members.data.map((m) => m.login)).toEqual(["fiona-fin", "maria-ops"]);
  });

  it("refuses check runs from a personal token: only GitHub Apps write checks", async () => {
    const pat = em.state.createToken({ kind: "user", login: "dev-alice" });
    await expect(
      tokenOctokit(em, pat.token).rest.checks.create({ owner: "acme", repo: "integrations", name: "x", head_sha: sample.headSha }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it("limits a token requested for some repositories and permissions", async () => {
    const jwtOctokit = appOctokit(em);
    const res = await jwtOctokit.request("POST /app/installations/{installation_id}/access_tokens", {
      installation_id: em.state.installationIdFor(sample.repo),
      permissions: { contents: "read" },
    });
    const gh = tokenOctokit(em, res.data.token);
    await expect(gh.rest.checks.create({ owner: "acme", repo: "integrations", name: "x", head_sha: sample.headSha })).rejects.toMatchObject({ status: 403 });
    await expect(
      jwtOctokit.request("POST /app/installations/{installation_id}/access_tokens", {
        installation_id: em.state.installationIdFor(sample.repo),
        permissions: { administration: "write" },
      }),
    ).rejects.toMatchObject({ status: 422 });
  });
});
