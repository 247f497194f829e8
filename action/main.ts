// The Action's entry point: translate the runner's world (inputs, event,
// environment) into one call of runAction. No gate logic here.
import * as core from "@actions/core";
import { context } from "@actions/github";
import { createGatePort } from "../src/github/create-gate-port.js";
import { createActionGate } from "./create-action-gate.js";
import { createActionOctokit } from "./create-action-octokit.js";
import { readActionInputs } from "./read-action-inputs.js";
import { runAction } from "./run-action.js";

// Named, not core[command]: the bundler then leaves out the parts of @actions/core the Action never calls.
const ANNOTATE = { error: core.error, warning: core.warning, notice: core.notice } as const;

async function main(): Promise<void> {
  const inputs = readActionInputs((name) => core.getInput(name));
  const repository = process.env["GITHUB_REPOSITORY"] ?? `${context.repo.owner}/${context.repo.repo}`;
  const octokit = createActionOctokit({
    token: inputs.token,
    apiUrl: process.env["GITHUB_API_URL"] || context.apiUrl,
    graphqlUrl: process.env["GITHUB_GRAPHQL_URL"] || context.graphqlUrl,
  });
  // Bounded retries of transient errors, every request counted (the same wrappers as the App).
  const { port, counts } = createGatePort(octokit, { retry: { log: { warn: (message) => core.warning(message) } } });
  if (inputs.mode === "digest") {
    // Loaded on demand: a gate run (the common case) does not parse the digest code.
    const { runDigestAction } = await import("./run-digest-action.js");
    await runDigestAction(inputs.digest, repository, port, {
      info: (message) => core.info(message),
      warning: (message) => core.warning(message),
      setOutput: (name, value) => core.setOutput(name, value),
      setFailed: (message) => core.setFailed(message),
      writeSummary: async (markdown) => {
        if (process.env["GITHUB_STEP_SUMMARY"]) await core.summary.addRaw(markdown, true).write();
      },
    });
    return;
  }
  const serverUrl = process.env["GITHUB_SERVER_URL"] || context.serverUrl;
  const gate = createActionGate(port, { repository, serverUrl });
  await runAction(
    inputs,
    { eventName: context.eventName, payload: context.payload, repository, serverUrl, runId: process.env["GITHUB_RUN_ID"] ?? "" },
    gate,
    {
      info: (message) => core.info(message),
      notice: (message) => core.notice(message),
      annotate: (command, message, properties) => ANNOTATE[command](message, properties),
      setOutput: (name, value) => core.setOutput(name, value),
      setFailed: (message) => core.setFailed(message),
      writeSummary: async (markdown) => {
        if (process.env["GITHUB_STEP_SUMMARY"]) await core.summary.addRaw(markdown, true).write();
      },
      requestCount: () => counts().total,
    },
  );
}

main().catch((error: unknown) => {
  if (error instanceof Error && error.stack !== undefined) core.debug(error.stack);
  core.setFailed(`integ-gate failed: ${error instanceof Error ? error.message : String(error)}`);
});
