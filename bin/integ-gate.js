#!/usr/bin/env node
// integ-gate command line. Runs the TypeScript sources through tsx in a
// clone (no build step: `npm ci && npx integ-gate --help`), and the compiled
// lib/ where tsx is not installed (a production install built with `npm run build`).
import { existsSync } from "node:fs";

const source = new URL("../src/cli/main.ts", import.meta.url);
const built = new URL("../lib/src/cli/main.js", import.meta.url);

async function loadMain() {
  if (existsSync(source)) {
    try {
      const { register } = await import("tsx/esm/api");
      register();
      return await import(source.href);
    } catch (error) {
      const code = error && typeof error === "object" ? error.code : undefined;
      if (code !== "ERR_MODULE_NOT_FOUND" || !existsSync(built) || !String(error.message).includes("tsx")) throw error;
    }
  }
  if (existsSync(built)) return import(built.href);
  throw new Error("integ-gate: neither tsx (npm ci) nor a build (npm run build) is available");
}

const { main } = await loadMain();
await main();
