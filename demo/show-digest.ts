import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Emulator } from "../emulator/start-emulator.js";
import { renderDepartmentMarkdown } from "../src/core/digest/render-digest-markdown.js";
import { createRestClient } from "../src/github/create-rest-client.js";
import { runDigest } from "../src/run-digest.js";
import { digestFileName, writeDigestFiles } from "../src/write-digest-files.js";
import { DEMO_REPO } from "./order-sync-story.js";

/**
 * The demo's last act: @maria-ops merges the PR, and `integ-gate digest`
 * (the same code as the CLI and the Action's `mode: digest`) shows what
 * sales and finance receive: their markdown here, and the HTML pages.
 */
export async function showDigest(em: Emulator, pr: number, print: (line?: string) => void): Promise<void> {
  const since = new Date(em.state.nowMs() - 86_400_000).toISOString();
  em.state.closePullRequest(DEMO_REPO, pr, { merge: true, by: "maria-ops" });
  const until = new Date(Date.parse(em.state.actionTime()) + 60_000).toISOString();
  em.state.setCollaborator(DEMO_REPO, "maria-ops", "read");
  const token = em.state.createToken({ kind: "user", login: "maria-ops", permissions: { contents: "read", pull_requests: "read", metadata: "read" } }).token;
  const client = createRestClient({ token, apiUrl: em.apiUrl, graphqlUrl: em.graphqlUrl });
  const [owner = "", repo = ""] = DEMO_REPO.split("/");
  const { digest } = await runDigest(client.port, { owner, repo, window: { since, until }, departments: ["sales", "finance"] });
  const dir = await mkdtemp(join(tmpdir(), "integ-gate-demo-digest-"));
  await writeDigestFiles(digest, dir, ["html"]);

  print(`7. @maria-ops merges #${pr}. The weekly digest (integ-gate digest --repo ${DEMO_REPO} --since 7d) tells each department, in the note's words:`);
  for (const department of digest.departments) {
    print();
    for (const line of renderDepartmentMarkdown(digest, department).trimEnd().split("\n")) {
      if (line.startsWith("<sub>") || line.trim() === "") continue;
      print(`   │ ${line}`);
    }
    print(`   ↳ as a page to send by e-mail: ${join(dir, digestFileName(department.department, "html"))}`);
  }
  print(`   ↳ the whole digest: ${client.requests()} GitHub API requests`);
}
