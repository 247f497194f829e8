import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pullRequestPayload } from "../../emulator/webhook-payloads.js";
import { NOTE_TEXT } from "../support/github-fixtures.js";
import { newestRuns, openPullRequest, seedRepository, startAppHarness, type AppHarness } from "../reliability/support/app-harness.js";

/**
 * The attacks of docs/security.md, each tried by a pull request's author
 * against the real App (Probot in process, its real HTTP client against the
 * loopback GitHub, so URLs are normalised as in production). Every request
 * also passes the request guard (test/support/fail-on-scope-violations.ts).
 */
const SECRET = "SECRET-SALARY-TABLE";
let h: AppHarness;
let repo: string;

beforeAll(async () => {
  h = await startAppHarness();
  repo = seedRepository(h.em);
  // Another private repository of the same owner, readable with the same installation token.
  h.em.state.createRepo({
    owner: "acme",
    name: "payroll",
    outsider: true,
    files: {
      "docs/release-notes/salaries.md": `# Salaries\n\n${SECRET}. ${NOTE_TEXT}`,
      "integrations/contents/docs/release-notes/salaries.md": `${SECRET}\n`,
    },
  });
});
afterAll(async () => {
  await h?.close();
});

/** Every text integ-gate wrote on a commit (check runs: title, summary, annotations). */
function writtenOn(headSha: string): string {
  return h.em.state
    .checkRuns(repo, { headSha })
    .map((run) => JSON.stringify(run.output))
    .join("\n");
}

async function open(branch: string, body: string, options: { note?: string | null; files?: Record<string, string | null> } = {}) {
  const pr = openPullRequest(h.em, repo, { branch, body, note: options.note === undefined ? null : options.note, ...(options.files ? { files: options.files } : {}) });
  await h.receive("pull_request", pullRequestPayload(h.em, { repo, number: pr.number, action: "opened" }));
  return { ...pr, runs: newestRuns(h.em, repo, pr.headSha) };
}

describe("a note link never reads another repository (App)", () => {
  const web = (): string => h.em.url;
  const up = (dots: string, n: number): string => Array.from({ length: n }, () => dots).join("/");
  const variants: [string, () => string][] = [
    ["dots encoded twice (lower case)", () => `docs/release-notes/${up("%252e%252e", 4)}/payroll/contents/docs/release-notes/salaries.md`],
    ["dots encoded twice (upper case)", () => `docs/release-notes/${up("%252E%252E", 4)}/payroll/contents/docs/release-notes/salaries.md`],
    ["dots encoded once", () => `docs/release-notes/${up("%2e%2e", 4)}/payroll/contents/docs/release-notes/salaries.md`],
    ["slashes encoded", () => `docs%2frelease-notes%2f..%2f..%2f..%2f..%2fpayroll%2fcontents%2fdocs%2frelease-notes%2fsalaries.md`],
    ["backslashes", () => `docs/release-notes/..\\..\\..\\..\\payroll/contents/docs/release-notes/salaries.md`],
    ["backslashes encoded", () => `docs/release-notes/..%5c..%5c..%5c..%5cpayroll/contents/docs/release-notes/salaries.md`],
    ["an encoded ? that would become a query", () => `docs/release-notes/salaries.md%3fref=main`],
    ["an encoded # that would become a fragment", () => `docs/release-notes/${up("%252e%252e", 4)}/payroll/contents/docs/release-notes/salaries.md%2523x.md`],
    ["a blob URL with dots encoded twice", () => `${web()}/acme/integrations/blob/main/docs/release-notes/${up("%252e%252e", 4)}/payroll/contents/docs/release-notes/salaries.md`],
    ["a raw URL with dots encoded twice", () => `${web()}/acme/integrations/raw/main/docs/release-notes/${up("%252e%252e", 4)}/payroll/contents/docs/release-notes/salaries.md`],
    ["a blob URL of the other repository", () => `${web()}/acme/payroll/blob/main/docs/release-notes/salaries.md`],
  ];
  it.each(variants)("%s: refused, nothing requested outside, nothing quoted", async (_name, link) => {
    const pr = await open(`feature/link-${_name.replace(/\W+/g, "-")}`, `Release note: [the note](${link()})`);
    expect(pr.runs["integ-gate/release-note"]?.conclusion).toBe("failure");
    expect(writtenOn(pr.headSha)).not.toContain(SECRET);
    const outside = h.em.log.entries().filter((e) => /payroll/i.test(e.path) || e.path.includes(".."));
    expect(outside).toEqual([]);
  });

  it("an ordinary encoded name still works", async () => {
    const path = "docs/release-notes/café menu.md";
    const pr = await open("feature/encoded-name", `Release note: [menu](docs/release-notes/caf%C3%A9%20menu.md)`, { files: { [path]: NOTE_TEXT } });
    expect(pr.runs["integ-gate/release-note"]?.conclusion).toBe("success");
  });
});
