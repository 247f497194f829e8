import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command in the repository; `onStdout` may act on the output as it arrives (e.g. interrupt). */
function run(
  command: string,
  args: readonly string[],
  options: { env?: Record<string, string>; onStdout?: (soFar: string, pid: number) => void } = {},
): Promise<Run> {
  const { onStdout } = options;
  return new Promise((resolve, reject) => {
    const env = { ...process.env, INTEG_GATE_DRY_RUN: "", FORCE_COLOR: "0", ...options.env };
    const child = spawn(command, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (child.pid !== undefined) onStdout?.(stdout, child.pid);
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** The app's webhook host:port from the demo's first line. */
function appAddress(stdout: string): string {
  const match = /the App \(npm start\) on (127\.0\.0\.1:\d+)/.exec(stdout);
  if (match?.[1] === undefined) throw new Error(`no app address in:\n${stdout}`);
  return match[1];
}

async function isListening(address: string): Promise<boolean> {
  try {
    await fetch(`http://${address}/ping`, { signal: AbortSignal.timeout(2_000) });
    return true;
  } catch {
    return false;
  }
}

/** Asserts that every pattern matches, each after the previous match. */
function expectInOrder(text: string, patterns: readonly (string | RegExp)[]): void {
  let from = 0;
  for (const pattern of patterns) {
    const rest = text.slice(from);
    const index = typeof pattern === "string" ? rest.indexOf(pattern) : rest.search(pattern);
    expect(index, `${String(pattern)} after offset ${from} in:\n${text}`).toBeGreaterThanOrEqual(0);
    const length = typeof pattern === "string" ? pattern.length : (rest.match(pattern)?.[0].length ?? 0);
    from += index + length;
  }
}

describe("npm run demo", () => {
  it("plays the ERP→CRM story to green, printing what the PR shows at each step, and stops the app", async () => {
    const result = await run("npm", ["run", "--silent", "demo"]);

    expect(result.stderr).not.toContain("Demo failed");
    expect(result.code).toBe(0);
    const out = result.stdout;
    expectInOrder(out, [
      "1. @dev-alice opens",
      "❌ release-note    Link a human release note in the PR description",
      "🟡 owner-approval  Waiting for a valid release note, then approval from @maria-ops",
      "2. @dev-alice pushes the note",
      "❌ release-note    Link the release note docs/release-notes/order-ids-in-crm.md",
      "add [Release note](docs/release-notes/order-ids-in-crm.md)",
      "3. @dev-alice links the note",
      "✅ release-note    Release note: docs/release-notes/order-ids-in-crm.md (1 plain-language warning)",
      /⚠️ +docs\/release-notes\/order-ids-in-crm\.md line 7: "idempotent" is jargon/,
      "4. @dev-bob",
      "🟡 owner-approval  Waiting for approval from @maria-ops",
      /❌ @dev-bob approved, not counted: not an eligible approver: author of commit [0-9a-f]{7}; is in\s+approval\.developers/,
      "5. @maria-ops",
      "🟡 owner-approval  Waiting for approval from @dana-sales (sales: 0 of 1)",
      "✅ @maria-ops approved: counted toward integration owners.",
      "6. @dana-sales",
      "✅ owner-approval  Approved by @maria-ops and @dana-sales",
      /Demo finished: acme\/order-sync#1 is ready to merge \(both checks green\) after 6 steps, \d+ GitHub API requests/,
      // After the merge: what the departments receive, in the note's words (docs/digest.md).
      "7. @maria-ops merges #1.",
      "│ # What changed for finance, ",
      "│ From Monday, every order that finance books in the ERP shows up in the CRM",
      /as a page to send by e-mail: \S+finance\.html/,
      "│ # What changed for sales, ",
      "│ ### Who to ask",
      /as a page to send by e-mail: \S+sales\.html/,
      "↳ the whole digest: 2 GitHub API requests",
    ]);
    // Each step reports what it cost, within the App's budget of 4 requests per evaluation.
    const costs = [...out.matchAll(/↳ (\d+) GitHub API requests?/g)].map((m) => Number(m[1]));
    expect(costs).toHaveLength(6);
    for (const cost of costs) expect(cost).toBeGreaterThan(0);
    for (const cost of costs) expect(cost).toBeLessThanOrEqual(4);
    // Short enough to read at a glance.
    expect(out.trimEnd().split("\n").length).toBeLessThan(120);
    // The app process is gone once the demo has exited.
    expect(await isListening(appAddress(out))).toBe(false);
  }, 180_000);

  it("stops the app and the emulator when interrupted", async () => {
    let interrupted = false;
    const result = await run(process.execPath, ["--import", "tsx", "demo/run-demo.ts"], {
      onStdout: (soFar, pid) => {
        if (!interrupted && soFar.includes("1. @dev-alice opens")) {
          interrupted = true;
          process.kill(pid, "SIGINT");
        }
      },
    });

    expect(interrupted).toBe(true);
    expect(result.code).toBe(130);
    expect(result.stdout).toContain("Demo interrupted (SIGINT); stopping the app and the emulator.");
    expect(result.stdout).not.toContain("Demo finished");
    expect(await isListening(appAddress(result.stdout))).toBe(false);
  }, 180_000);

  it("exits non-zero naming the missing verdict when a check does not appear, and stops the app", async () => {
    // In dry-run mode the App only logs its writes: no check run ever appears.
    const result = await run(process.execPath, ["--import", "tsx", "demo/run-demo.ts", "--step-timeout=2"], { env: { INTEG_GATE_DRY_RUN: "true" } });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Demo failed at step 1: the expected verdict did not appear within 2 s:");
    expect(result.stderr).toContain("integ-gate/release-note: no check run");
    expect(result.stdout).toContain("1. @dev-alice opens");
    expect(result.stdout).not.toContain("2. @dev-alice");
    expect(result.stdout).not.toContain("Demo finished");
    expect(await isListening(appAddress(result.stdout))).toBe(false);
  }, 180_000);
});
