import { describe, expect, it } from "vitest";
import { runAction, type ActionGate, type ActionIo, type GateEvaluation } from "../../action/run-action.js";
import type { Annotation, CheckVerdict, GateVerdict, Outcome } from "../../src/core/rules/gate-verdict.js";
import type { CommitStatusPort } from "../../src/github/publish-commit-statuses.js";

function check(name: CheckVerdict["name"], outcome: Outcome, title: string, annotations: Annotation[] = []): CheckVerdict {
  return { name, outcome, title, summary: `Details of ${name}: ${title}`, annotations };
}

function verdict(note: [Outcome, string], approval: [Outcome, string], extra: Partial<GateVerdict> = {}): GateVerdict {
  return {
    integration: note[0] !== "skipped",
    releaseNote: check("integ-gate/release-note", ...note),
    ownerApproval: check("integ-gate/owner-approval", ...approval),
    noteRef: null,
    noteValid: note[0] === "pass",
    approved: approval[0] === "pass",
    awaiting: [],
    reviewRequests: { users: [], teams: [] },
    ...extra,
  };
}

interface Posted {
  readonly sha: string;
  readonly context: string;
  readonly state: string;
  readonly description: string;
  readonly target_url: string;
}

function fakeGate(
  verdicts: Record<number, GateVerdict | null | Error>,
  options: { open?: { number: number; headSha: string }[]; writeError?: Error } = {},
) {
  const posted: Posted[] = [];
  const statusPort: CommitStatusPort = {
    async request(route, parameters = {}) {
      if (route.startsWith("GET ")) {
        const sha = parameters["ref"];
        return { status: 200, headers: {}, data: { statuses: posted.filter((p) => p.sha === sha).reverse() } };
      }
      if (options.writeError) throw options.writeError;
      posted.push(parameters as unknown as Posted);
      return { status: 201, headers: {}, data: {} };
    },
  };
  const gate: ActionGate = {
    async evaluatePullRequest(number, headSha): Promise<GateEvaluation> {
      const v = verdicts[number];
      if (v instanceof Error) throw v;
      return {
        subject: { kind: "pull-request", number, url: `https://github.com/acme/integrations/pull/${number}`, headSha },
        verdict: v ?? null,
      };
    },
    async evaluateMergeGroup(group) {
      return { subject: { kind: "merge-group", ...group }, verdict: verdicts[0] as GateVerdict };
    },
    readFailedVerdict(what, detail) {
      return verdict(["error", `Could not read ${what}: ${detail}`], ["error", `Could not read ${what}: ${detail}`]);
    },
    async listOpenPullRequests() {
      return options.open ?? [];
    },
    statusPort,
  };
  return { gate, posted };
}

function recordingIo() {
  const log = {
    info: [] as string[],
    notices: [] as string[],
    annotations: [] as { command: string; message: string; file: string; startLine: number }[],
    outputs: {} as Record<string, string>,
    failed: [] as string[],
    summary: "",
  };
  const io: ActionIo = {
    info: (m) => log.info.push(m),
    notice: (m) => log.notices.push(m),
    annotate: (command, message, props) => log.annotations.push({ command, message, file: props.file, startLine: props.startLine }),
    setOutput: (name, value) => {
      log.outputs[name] = value;
    },
    setFailed: (m) => log.failed.push(m),
    writeSummary: async (md) => {
      log.summary += md;
    },
    requestCount: () => 7,
  };
  return { io, log };
}

const HEAD = "a".repeat(40);
const repository = "acme/integrations";
const context = (eventName: string, payload: unknown) => ({
  eventName,
  payload,
  repository,
  serverUrl: "https://github.com",
  runId: "1234",
});
const prEvent = (number: number, headRepo = repository) => ({
  action: "synchronize",
  pull_request: { number, head: { sha: HEAD, repo: { full_name: headRepo } } },
  repository: { full_name: repository },
});
const inputs = { configPath: ".integ.yml", failOnBlock: false, statuses: true };

describe("runAction", () => {
  it("posts both statuses on the head commit, sets the outputs and does not fail on pending", async () => {
    const { gate, posted } = fakeGate({
      42: verdict(["pass", "Release note docs/release-notes/erp.md"], ["pending", "Waiting for approval from @maria-ops (0 of 1)"], {
        noteRef: "docs/release-notes/erp.md",
        noteValid: true,
        awaiting: ["@maria-ops"],
      }),
    });
    const { io, log } = recordingIo();
    await runAction(inputs, context("pull_request_target", prEvent(42)), gate, io);
    expect(posted).toEqual([
      {
        owner: "acme",
        repo: "integrations",
        sha: HEAD,
        state: "success",
        context: "integ-gate/release-note",
        description: "Release note docs/release-notes/erp.md",
        target_url: "https://github.com/acme/integrations/actions/runs/1234",
      },
      expect.objectContaining({ state: "pending", context: "integ-gate/owner-approval" }),
    ]);
    expect(log.outputs).toEqual({
      integration: "true",
      "release-note": "docs/release-notes/erp.md",
      "release-note-ok": "true",
      approved: "false",
      awaiting: "@maria-ops",
      result: "pending",
    });
    expect(log.failed).toEqual([]);
    expect(log.summary).toContain("Waiting for approval from @maria-ops (0 of 1)");
    expect(log.info).toContain("integ-gate: result pending; 7 GitHub API requests");
  });

  it("does not write again when a second run reaches the same verdict", async () => {
    const { gate, posted } = fakeGate({ 42: verdict(["blocked", "Link a human release note"], ["pending", "Waiting"]) });
    await runAction(inputs, context("pull_request_target", prEvent(42)), gate, recordingIo().io);
    const { io, log } = recordingIo();
    await runAction(inputs, context("pull_request_review", prEvent(42)), gate, io);
    expect(posted).toHaveLength(2);
    expect(log.summary).toContain("unchanged");
  });

  it("fails the job on blocked only with fail-on-block", async () => {
    const blocked = verdict(["blocked", "Link a human release note"], ["pending", "Waiting"]);
    const relaxed = recordingIo();
    await runAction(inputs, context("pull_request_target", prEvent(42)), fakeGate({ 42: blocked }).gate, relaxed.io);
    expect(relaxed.log.outputs["result"]).toBe("blocked");
    expect(relaxed.log.failed).toEqual([]);
    const strict = recordingIo();
    await runAction({ ...inputs, failOnBlock: true }, context("pull_request_target", prEvent(42)), fakeGate({ 42: blocked }).gate, strict.io);
    expect(strict.log.failed.join()).toContain("fail-on-block");
  });

  it("with no configuration posts nothing, outputs error and fails with a clear message", async () => {
    const { gate, posted } = fakeGate({ 42: null });
    const { io, log } = recordingIo();
    await runAction(inputs, context("pull_request_target", prEvent(42)), gate, io);
    expect(posted).toEqual([]);
    expect(log.outputs["result"]).toBe("error");
    expect(log.failed.join()).toContain("there is no .integ.yml on the default branch of acme/integrations");
  });

  it("on a fork PR under pull_request writes nothing, says why in a notice and the summary, and fails", async () => {
    const { gate, posted } = fakeGate({ 42: verdict(["pass", "ok"], ["pass", "Approved"]) });
    const { io, log } = recordingIo();
    await runAction(inputs, context("pull_request", prEvent(42, "dev-alice/integrations")), gate, io);
    expect(posted).toEqual([]);
    expect(log.notices.join()).toContain("read-only token");
    expect(log.notices.join()).toContain("pull_request_target");
    expect(log.summary).toContain("read-only token");
    expect(log.summary).toContain("not written: the token is read-only");
    expect(log.failed).toHaveLength(1);
    expect(log.outputs["result"]).toBe("pass");
  });

  it("treats a 403 on the status write as a read-only token", async () => {
    const forbidden = Object.assign(new Error("Resource not accessible by integration"), { status: 403 });
    const { gate } = fakeGate({ 42: verdict(["pass", "ok"], ["pass", "Approved"]) }, { writeError: forbidden });
    const { io, log } = recordingIo();
    await runAction(inputs, context("pull_request", prEvent(42)), gate, io);
    expect(log.notices.join()).toContain("statuses: write");
    expect(log.failed.join()).toContain("read-only");
  });

  it("posts error statuses and fails when the engine says a team could not be read", async () => {
    const title = "Cannot read team @acme/integration-owners (integration owners): needs a token that can read organization teams";
    const { gate, posted } = fakeGate({ 42: verdict(["pass", "ok"], ["error", title]) });
    const { io, log } = recordingIo();
    await runAction(inputs, context("pull_request_target", prEvent(42)), gate, io);
    expect(posted.map((p) => p.state)).toEqual(["success", "error"]);
    expect(log.outputs["result"]).toBe("error");
    expect(log.failed.join()).toContain("@acme/integration-owners");
  });

  it("turns a thrown read into error statuses (never a pass)", async () => {
    const { gate, posted } = fakeGate({ 42: new Error("HTTP 502") });
    const { io, log } = recordingIo();
    await runAction(inputs, context("pull_request_target", prEvent(42)), gate, io);
    expect(posted.map((p) => p.state)).toEqual(["error", "error"]);
    expect(log.outputs["result"]).toBe("error");
    expect(log.failed).toHaveLength(1);
  });

  it("re-evaluates every open PR on workflow_dispatch; result is the most severe", async () => {
    const { gate, posted } = fakeGate(
      { 1: verdict(["skipped", "Not an integration pull request"], ["skipped", "Not an integration pull request"]), 2: verdict(["blocked", "x"], ["pending", "y"]) },
      { open: [{ number: 1, headSha: "1".repeat(40) }, { number: 2, headSha: "2".repeat(40) }] },
    );
    const { io, log } = recordingIo();
    await runAction(inputs, context("workflow_dispatch", {}), gate, io);
    expect(posted.map((p) => [p.sha[0], p.state])).toEqual([
      ["1", "success"],
      ["1", "success"],
      ["2", "failure"],
      ["2", "pending"],
    ]);
    expect(log.outputs["result"]).toBe("blocked");
    expect(log.outputs["integration"]).toBe("true");
  });

  it("finds a fork PR of a workflow_run relay by its head commit", async () => {
    const { gate, posted } = fakeGate(
      { 9: verdict(["pass", "ok"], ["pass", "Approved"]) },
      { open: [{ number: 8, headSha: "8".repeat(40) }, { number: 9, headSha: HEAD }] },
    );
    const { io, log } = recordingIo();
    await runAction(inputs, context("workflow_run", { workflow_run: { head_sha: HEAD, pull_requests: [] } }), gate, io);
    expect(posted.map((p) => p.sha)).toEqual([HEAD, HEAD]);
    expect(log.outputs["result"]).toBe("pass");
  });

  it("with statuses: false evaluates and summarises but writes nothing", async () => {
    const { gate, posted } = fakeGate({ 42: verdict(["pass", "ok"], ["pass", "Approved"]) });
    const { io, log } = recordingIo();
    await runAction({ ...inputs, statuses: false }, context("pull_request_target", prEvent(42)), gate, io);
    expect(posted).toEqual([]);
    expect(log.failed).toEqual([]);
    expect(log.summary).toContain("`statuses` input is false");
  });

  it("with statuses: false a fork PR's read-only token is no reason to fail", async () => {
    const { gate, posted } = fakeGate({ 42: verdict(["pass", "ok"], ["pending", "Waiting"]) });
    const { io, log } = recordingIo();
    await runAction({ ...inputs, statuses: false }, context("pull_request", prEvent(42, "dev-alice/integrations")), gate, io);
    expect(posted).toEqual([]);
    expect(log.failed).toEqual([]);
    expect(log.outputs["result"]).toBe("pending");
  });

  it("fails on an event it does not handle", async () => {
    const { gate } = fakeGate({});
    const { io, log } = recordingIo();
    await runAction(inputs, context("push", {}), gate, io);
    expect(log.outputs["result"]).toBe("error");
    expect(log.failed.join()).toContain("does not handle the `push` event");
  });

  it("annotates at most 10 findings per kind and lists the rest in the summary", async () => {
    const findings: Annotation[] = Array.from({ length: 13 }, (_, i) => ({
      path: "docs/release-notes/erp.md",
      startLine: i + 1,
      endLine: i + 1,
      level: "warning",
      message: `Sentence ${i + 1} is long`,
    }));
    const v = verdict(["pass", "ok"], ["pass", "Approved"]);
    const { gate } = fakeGate({ 42: { ...v, releaseNote: { ...v.releaseNote, annotations: findings } } });
    const { io, log } = recordingIo();
    await runAction(inputs, context("pull_request_target", prEvent(42)), gate, io);
    expect(log.annotations).toHaveLength(10);
    expect(log.summary).toContain("docs/release-notes/erp.md:13");
    expect(log.summary).not.toContain("docs/release-notes/erp.md:10`");
  });
});
