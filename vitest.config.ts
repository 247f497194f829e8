import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // One request guard for every test (docs/security.md, "The request guard").
    setupFiles: ["test/support/fail-on-scope-violations.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
