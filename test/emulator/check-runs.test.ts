import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../emulator/start-emulator.js";
import { installationOctokit, seedSample, type TestOctokit } from "./emulator-test-kit.js";

let em: Emulator;
let gh: TestOctokit;
let sample: ReturnType<typeof seedSample>;
const repo = { owner: "acme", repo: "integrations" };

beforeAll(async () => {
  em = await startEmulator();
  sample = seedSample(em);
  gh = await installationOctokit(em, sample.repo);
});

afterAll(async () => {
  await em.close();
});

const annotation = (line: number): Record<string, unknown> => ({
  path: "docs/release-notes/product-id.md",
  start_line: line,
  end_line: line,
  annotation_level: "warning",
  message: `finding ${line}`,
});

/** POSTs a check-run body as is (bodies GitHub must refuse do not type-check). */
function rawCreate(body: Record<string, unknown>): Promise<unknown> {
  return gh.request("POST /repos/{owner}/{repo}/check-runs", { ...repo, ...body } as never);
}

async function rejection(p: Promise<unknown>): Promise<{ status: number; message: string; errors: unknown }> {
  try {
    await p;
  } catch (e) {
    const err = e as { status: number; response?: { data?: { message?: string; errors?: unknown } } };
    return { status: err.status, message: err.response?.data?.message ?? "", errors: err.response?.data?.errors };
  }
  throw new Error("expected the request to fail");
}

describe("check runs: GitHub's validation (422)", () => {
  it("requires name and head_sha, naming what is missing", async () => {
    const r = await rejection(rawCreate({}));
    expect(r.status).toBe(422);
    expect(r.message).toBe(`Invalid request.\n\n"head_sha", "name" weren't supplied.`);
  });

  it("refuses a head_sha that is not a full sha of a known commit", async () => {
    const r = await rejection(gh.rest.checks.create({ ...repo, name: "x", head_sha: "feature/product-id" }));
    expect(r).toMatchObject({ status: 422, message: "No commit found for SHA: feature/product-id" });
  });

  it("refuses status completed without a conclusion", async () => {
    const r = await rejection(gh.rest.checks.create({ ...repo, name: "x", head_sha: sample.headSha, status: "completed" }));
    expect(r.status).toBe(422);
    expect(r.message).toContain(`"conclusion" wasn't supplied.`);
  });

  it("refuses more than 50 annotations per request", async () => {
    const annotations = Array.from({ length: 51 }, (_, i) => annotation(i + 1));
    const r = await rejection(
      rawCreate({ name: "x", head_sha: sample.headSha, output: { title: "t", summary: "s", annotations } }),
    );
    expect(r).toMatchObject({ status: 422, message: "Invalid request.\n\nNo more than 50 items are allowed; 51 were supplied." });
  });

  it("refuses a summary over 65,535 characters, and over 65,535 bytes", async () => {
    const long = await rejection(gh.rest.checks.create({ ...repo, name: "x", head_sha: sample.headSha, output: { title: "t", summary: "a".repeat(65536) } }));
    expect(long).toMatchObject({ status: 422, message: "Invalid request.\n\nOnly 65535 characters are allowed; 65536 were supplied." });
    const wide = await rejection(gh.rest.checks.create({ ...repo, name: "x", head_sha: sample.headSha, output: { title: "t", summary: "é".repeat(40000) } }));
    expect(wide.status).toBe(422);
    expect(wide.errors).toEqual([{ resource: "CheckRun", code: "custom", field: "summary", message: "summary exceeds a maximum bytesize of 65535" }]);
  });

  it("refuses an output without title on create, and invalid annotations", async () => {
    const noTitle = await rejection(rawCreate({ name: "x", head_sha: sample.headSha, output: { summary: "s" } }));
    expect(noTitle.message).toBe(`Invalid request.\n\n"title" wasn't supplied.`);
    const missing = await rejection(
      rawCreate({
        name: "x",
        head_sha: sample.headSha,
        output: { title: "t", summary: "s", annotations: [{ start_line: 1, end_line: 1, message: "m" }] },
      }),
    );
    expect(missing.message).toBe(`Invalid request.\n\n"annotation_level", "path" weren't supplied.`);
    const columns = await rejection(
      gh.rest.checks.create({
        ...repo,
        name: "x",
        head_sha: sample.headSha,
        output: { title: "t", summary: "s", annotations: [{ ...annotation(1), end_line: 3, start_column: 1, end_column: 4 } as never] },
      }),
    );
    expect(columns).toMatchObject({ status: 422, message: "Validation Failed", errors: [{ resource: "CheckRun", code: "invalid", field: "annotations" }] });
    const level = await rejection(
      gh.rest.checks.create({ ...repo, name: "x", head_sha: sample.headSha, output: { title: "t", summary: "s", annotations: [{ ...annotation(1), annotation_level: "error" } as never] } }),
    );
    expect(level.message).toContain(`"error" is not a member of ["notice", "warning", "failure"]`);
  });

  it("refuses the stale conclusion, which only GitHub sets", async () => {
    const r = await rejection(gh.rest.checks.create({ ...repo, name: "x", head_sha: sample.headSha, conclusion: "stale" }));
    expect(r.status).toBe(422);
  });
});

describe("check runs: how GitHub keeps them", () => {
  it("completes a run when a conclusion is given, and never reopens a completed run", async () => {
    const created = await gh.rest.checks.create({ ...repo, name: "integ-gate/owner-approval", head_sha: sample.headSha, conclusion: "success", output: { title: "Approved", summary: "ok" } });
    expect(created.data.status).toBe("completed");
    const updated = await gh.rest.checks.update({ ...repo, check_run_id: created.data.id, status: "in_progress", output: { title: "Waiting", summary: "again" } });
    expect(updated.data.status).toBe("completed");
    expect(updated.data.conclusion).toBe("success");
    // The output still changes; only the status move is ignored.
    expect(updated.data.output.title).toBe("Waiting");
    const record = em.state.checkRuns(sample.repo, { name: "integ-gate/owner-approval" })[0];
    expect(record?.writes.map((w) => w.method)).toEqual(["POST", "PATCH"]);
  });

  it("appends annotations on update (never replaces them) and lists them in pages", async () => {
    const run = await gh.rest.checks.create({
      ...repo,
      name: "integ-gate/release-note",
      head_sha: sample.headSha,
      status: "in_progress",
      output: { title: "t", summary: "s", annotations: Array.from({ length: 50 }, (_, i) => annotation(i + 1)) as never },
    });
    await gh.rest.checks.update({ ...repo, check_run_id: run.data.id, output: { summary: "s2", annotations: [annotation(51)] as never } });
    const got = await gh.rest.checks.get({ ...repo, check_run_id: run.data.id });
    expect(got.data.output.annotations_count).toBe(51);
    const all = await gh.paginate(gh.rest.checks.listAnnotations, { ...repo, check_run_id: run.data.id, per_page: 100 });
    expect(all).toHaveLength(51);
  });

  it("lists the newest run per name by default (filter=latest), all runs with filter=all", async () => {
    await gh.rest.checks.create({ ...repo, name: "dup", head_sha: sample.headSha, status: "in_progress" });
    const second = await gh.rest.checks.create({ ...repo, name: "dup", head_sha: sample.headSha, status: "queued" });
    const latest = await gh.rest.checks.listForRef({ ...repo, ref: sample.headSha, check_name: "dup" });
    expect(latest.data.total_count).toBe(1);
    expect(latest.data.check_runs[0]?.id).toBe(second.data.id);
    const all = await gh.rest.checks.listForRef({ ...repo, ref: sample.headSha, check_name: "dup", filter: "all" });
    expect(all.data.total_count).toBe(2);
  });

  it("marks runs left incomplete for 14 days as stale", async () => {
    const run = await gh.rest.checks.create({ ...repo, name: "old", head_sha: sample.headSha, status: "in_progress" });
    em.state.ageCheckRun(sample.repo, run.data.id, 15);
    const got = await gh.rest.checks.get({ ...repo, check_run_id: run.data.id });
    expect(got.data).toMatchObject({ status: "completed", conclusion: "stale" });
  });

  it("lists fork-free open PRs in a run's pull_requests, and creates one suite per app and commit", async () => {
    const run = await gh.rest.checks.create({ ...repo, name: "suite-check", head_sha: sample.headSha, status: "queued" });
    expect(run.data.pull_requests.map((p) => p.number)).toEqual([sample.number]);
    const suites = await gh.rest.checks.listSuitesForRef({ ...repo, ref: sample.headSha });
    expect(suites.data.total_count).toBe(1);
  });
});

describe("commit statuses", () => {
  it("refuses descriptions over 140 characters like GitHub", async () => {
    const r = await rejection(gh.rest.repos.createCommitStatus({ ...repo, sha: sample.headSha, state: "pending", description: "x".repeat(141) }));
    expect(r.status).toBe(422);
    expect(r.errors).toEqual([{ resource: "Status", code: "custom", field: "description", message: "description is too long (maximum is 140 characters)" }]);
  });

  it("keeps every status, lists newest first, and combines the newest per context", async () => {
    await gh.rest.repos.createCommitStatus({ ...repo, sha: sample.headSha, state: "pending", context: "integ-gate/release-note" });
    await gh.rest.repos.createCommitStatus({ ...repo, sha: sample.headSha, state: "success", context: "integ-gate/release-note" });
    await gh.rest.repos.createCommitStatus({ ...repo, sha: sample.headSha, state: "pending", context: "integ-gate/owner-approval" });
    const list = await gh.rest.repos.listCommitStatusesForRef({ ...repo, ref: sample.headSha });
    expect(list.data.map((s) => s.state)).toEqual(["pending", "success", "pending"]);
    const combined = await gh.rest.repos.getCombinedStatusForRef({ ...repo, ref: sample.headSha });
    expect(combined.data.state).toBe("pending");
    expect(combined.data.total_count).toBe(2);
    expect(em.state.statuses(sample.repo, sample.headSha)).toHaveLength(3);
  });

  it("refuses an unknown sha", async () => {
    const r = await rejection(gh.rest.repos.createCommitStatus({ ...repo, sha: "0".repeat(40), state: "success" }));
    expect(r.status).toBe(422);
  });
});
