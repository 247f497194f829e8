import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import nock from "nock";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { pullRequestPayload } from "../../emulator/webhook-payloads.js";
import { NOTE_TEXT } from "../support/github-fixtures.js";
import { HARNESS_CONFIG, newestRuns, openPullRequest, seedRepository, startAppHarness, type AppHarness } from "../reliability/support/app-harness.js";

let h: AppHarness;
let trap: Server;
let trapUrl: string;
const trapHits: string[] = [];
const fetched: string[] = [];

beforeAll(async () => {
  // A server on loopback that no request may ever reach: every link below points at it, or elsewhere outside the API.
  trap = createServer((req, res) => {
    trapHits.push(`${req.method ?? ""} ${req.url ?? ""}`);
    res.end(NOTE_TEXT);
  });
  await new Promise<void>((resolve) => trap.listen(0, "127.0.0.1", resolve));
  trapUrl = `127.0.0.1:${(trap.address() as AddressInfo).port}`;

  h = await startAppHarness();
  const original = globalThis.fetch;
  vi.spyOn(globalThis, "fetch").mockImplementation((input, init) => {
    fetched.push(input instanceof Request ? input.url : String(input));
    return original(input, init);
  });
  // Only the emulator may be contacted at all (node:http and fetch alike).
  nock.disableNetConnect();
  nock.enableNetConnect((host) => host === h.em.host);
});
afterAll(async () => {
  nock.enableNetConnect();
  vi.restoreAllMocks();
  await h?.close();
  await new Promise<void>((resolve) => trap.close(() => resolve()));
});

describe("no URL outside the GitHub API is ever fetched (SSRF)", () => {
  it("links to external hosts, the metadata service, loopback and the web host are judged, never requested", async () => {
    const config = `${HARNESS_CONFIG}release_note:\n  external_hosts: ["acme.atlassian.net", "metadata.google.internal", "localhost"]\n`;
    const repo = seedRepository(h.em, { name: "ssrf", config });
    const web = h.em.url;
    const links = [
      `https://${trapUrl}/docs/release-notes/note.md`,
      `http://${trapUrl}/docs/release-notes/note.md`,
      "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
      "https://metadata.google.internal/computeMetadata/v1/",
      "https://localhost/admin",
      "https://acme.atlassian.net/wiki/spaces/OPS/pages/1/note",
      `${web}/acme/ssrf/blob/main/docs/release-notes/feature-ssrf.md`,
      `${web}/acme/ssrf/raw/main/docs/release-notes/feature-ssrf.md`,
      `${web}/acme/other-repo/blob/main/docs/release-notes/note.md`,
    ];
    const body = [
      "Links everywhere:",
      ...links.map((url, i) => `- [link ${i}](${url}) <${url}> ${url}`),
      `![image](https://${trapUrl}/pixel.png)`,
      `<img src="https://${trapUrl}/img.png">`,
      `[ref][r]\n\n[r]: https://${trapUrl}/ref.md`,
    ].join("\n");
    const note = `${NOTE_TEXT}\nSee also ![chart](https://${trapUrl}/chart.png) and [the wiki](https://${trapUrl}/wiki).\n`;
    const pr = openPullRequest(h.em, repo, { branch: "feature/ssrf", body, note });

    await h.receive("pull_request", pullRequestPayload(h.em, { repo, number: pr.number, action: "opened" }));

    // The gate reached a verdict (a valid note was among the links), so the links were all looked at.
    expect(newestRuns(h.em, repo, pr.headSha)["integ-gate/release-note"]?.conclusion).toBe("success");
    expect(trapHits).toEqual([]);
    const outside = fetched.filter((url) => !url.startsWith(`${h.em.apiUrl}/`) && url !== h.em.graphqlUrl);
    expect(outside).toEqual([]);
    expect(fetched.length).toBeGreaterThan(0);
    // The emulator saw only API paths (it also answers REST under "/", so a web URL fetch would show here).
    const paths = h.em.log.entries().map((e) => e.path);
    expect(paths.filter((p) => !/^\/(?:graphql$|repos\/acme\/ssrf\/|app\/installations\/\d+\/access_tokens$)/.test(p))).toEqual([]);
  });

  it("an external-host note is accepted without being read, and the summary says so", async () => {
    const config = `${HARNESS_CONFIG}release_note:\n  external_hosts: ["acme.atlassian.net"]\n`;
    const repo = seedRepository(h.em, { name: "external-note", config });
    const pr = openPullRequest(h.em, repo, { branch: "feature/external", body: "Release note: https://acme.atlassian.net/wiki/note", note: null });

    await h.receive("pull_request", pullRequestPayload(h.em, { repo, number: pr.number, action: "opened" }));

    const run = h.em.state.checkRuns(repo, { headSha: pr.headSha, name: "integ-gate/release-note" }).at(-1);
    expect(run?.conclusion).toBe("success");
    expect(run?.output.summary).toMatch(/not read/i);
    expect(fetched.filter((url) => url.includes("atlassian"))).toEqual([]);
  });
});
