import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The import boundaries of docs/development.md#import-boundaries, proven on
 * wrong-way imports: each snippet is linted through ESLint's Node API with
 * the project's eslint.config.js, as if it were a file at `at`.
 */
const root = fileURLToPath(new URL("../..", import.meta.url));
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function boundaryErrors(at: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}/${at}` });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === "import-x/no-restricted-paths" || m.ruleId === "no-restricted-imports")
    .map((m) => `${m.ruleId}: ${m.message}`);
}

describe("import boundaries", () => {
  it.each([
    ["src/core imports the GitHub layer", "src/core/rules/wrong-way.ts", 'import { LruMap } from "../../github/lru-map.js";'],
    ["src/core imports the App runtime", "src/core/wrong-way.ts", 'import { runBounded } from "../app-runtime/run-bounded.js";'],
    ["src/core imports the CLI", "src/core/wrong-way.ts", 'import { runCli } from "../cli/run-cli.js";'],
    ["src/core imports the App", "src/core/wrong-way.ts", 'import app from "../../app/index.js";'],
    ["src/core imports the Action", "src/core/wrong-way.ts", 'import { runAction } from "../../action/run-action.js";'],
    ["src/core imports a Node built-in", "src/core/wrong-way.ts", 'import { readFileSync } from "node:fs";'],
    ["src/core imports a Node built-in by its bare name", "src/core/wrong-way.ts", 'import { join } from "path";'],
    ["src/core imports probot", "src/core/wrong-way.ts", 'import type { Probot } from "probot";'],
    ["src/core imports Octokit", "src/core/wrong-way.ts", 'import type { Octokit } from "@octokit/core";'],
    ["src/core imports @actions/*", "src/core/wrong-way.ts", 'import * as core from "@actions/core";'],
    ["src imports the App", "src/github/wrong-way.ts", 'import app from "../../app/index.js";'],
    ["src imports the Action", "src/wrong-way.ts", 'import { runAction } from "../action/run-action.js";'],
    ["src imports the emulator", "src/github/wrong-way.ts", 'import { startEmulator } from "../../emulator/start-emulator.js";'],
    ["src imports the demo", "src/cli/wrong-way.ts", 'import "../../demo/run-demo.js";'],
    ["src imports the bench", "src/wrong-way.ts", 'import "../bench/run-bench.js";'],
  ])("fails when %s", async (_name, at, code) => {
    expect(await boundaryErrors(at, `${code}\nexport {};\n`)).not.toEqual([]);
  });

  it.each([
    ["src/core imports the core", "src/core/rules/right-way.ts", 'import type { IntegConfig } from "../config/integ-config.js";'],
    ["src/core imports its pure libraries", "src/core/right-way.ts", 'import { z } from "zod";'],
    ["src/github imports the core and Node", "src/github/right-way.ts", 'import type { IntegConfig } from "../core/config/integ-config.js";\nimport { setTimeout } from "node:timers/promises";'],
    ["the App imports src", "app/right-way.ts", 'import { LruMap } from "../src/github/lru-map.js";'],
    ["a test imports anything", "test/right-way.test.ts", 'import app from "../app/index.js";\nimport { startEmulator } from "../emulator/start-emulator.js";'],
  ])("passes when %s", async (_name, at, code) => {
    expect(await boundaryErrors(at, `${code}\nexport {};\n`)).toEqual([]);
  });
});
