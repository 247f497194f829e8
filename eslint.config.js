// ESLint 9 flat config (`npm run lint`; CI runs it after the type-check).
// - typescript-eslint's recommended rules (syntax only: the type-aware set
//   takes four times the CPU on two cores, and tsc already runs in strict mode);
// - eslint-plugin-regexp's recommended rules (including super-linear regexes);
// - the import boundaries of docs/development.md#import-boundaries.
import js from "@eslint/js";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import { importX } from "eslint-plugin-import-x";
import regexp from "eslint-plugin-regexp";
import tseslint from "typescript-eslint";

/** Packages and built-ins the pure core never imports. */
const CORE_FORBIDDEN_PACKAGES = [
  { group: ["node:*"], message: "src/core is pure: no Node built-ins (docs/development.md#import-boundaries)." },
  { group: ["probot", "probot/*"], message: "src/core is pure: no probot (docs/development.md#import-boundaries)." },
  { group: ["octokit", "@octokit/*"], message: "src/core is pure: no Octokit (docs/development.md#import-boundaries)." },
  { group: ["@actions/*"], message: "src/core is pure: no @actions/* (docs/development.md#import-boundaries)." },
  { group: ["ioredis"], message: "src/core is pure: no I/O clients (docs/development.md#import-boundaries)." },
];

/** Node built-ins by their bare names (`fs`, `path`, ...) are as forbidden in the core as `node:fs`. */
const NODE_BUILTINS_BARE = [
  "assert", "buffer", "child_process", "crypto", "dns", "events", "fs", "fs/promises", "http", "https", "net",
  "os", "path", "process", "stream", "timers", "tls", "url", "util", "worker_threads", "zlib",
];

export default tseslint.config(
  {
    ignores: ["node_modules/", "lib/", "dist/", "coverage/", "bench/tmp/", "test/fixtures/", "schema/"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  regexp.configs["flat/recommended"],
  {
    files: ["**/*.{ts,js,mjs}"],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: {
        // Node 20 globals the sources use.
        console: "readonly", process: "readonly", Buffer: "readonly", URL: "readonly", URLSearchParams: "readonly",
        setTimeout: "readonly", clearTimeout: "readonly", setInterval: "readonly", clearInterval: "readonly",
        setImmediate: "readonly", clearImmediate: "readonly", queueMicrotask: "readonly", structuredClone: "readonly",
        fetch: "readonly", Response: "readonly", Request: "readonly", Headers: "readonly", AbortController: "readonly",
        AbortSignal: "readonly", TextEncoder: "readonly", TextDecoder: "readonly", performance: "readonly",
        globalThis: "readonly",
      },
    },
    plugins: { "import-x": importX },
    settings: {
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "tsconfig.json" })],
    },
    rules: {
      // Off: explicit ASCII ranges ([A-Za-z0-9-]) state GitHub's login and host rules as GitHub
      // documents them; with the `i` flag (and `u`), U+017F and U+212A would also fold to ASCII letters.
      "regexp/use-ignore-case": "off",
      // Unused names are errors, except ones deliberately named `_…`.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
  {
    files: ["test/**/*.ts"],
    rules: {
      // Tests walk untyped JSON answers (GraphQL data, webhook payloads) in their assertions.
      "@typescript-eslint/no-explicit-any": "off",
    },
  },
  // Import boundaries (docs/development.md#import-boundaries).
  {
    files: ["src/**/*.ts"],
    rules: {
      "import-x/no-restricted-paths": [
        "error",
        {
          zones: [
            {
              target: "./src/core",
              from: ["./src/github", "./src/app-runtime", "./src/cli", "./src/run-gate.ts", "./src/run-merge-group-gate.ts"],
              message: "src/core is pure: it is given facts and returns verdicts; it never imports the I/O layers.",
            },
            {
              target: "./src",
              from: ["./app", "./demo", "./bench", "./emulator", "./scripts", "./test"],
              message: "src never imports the front doors (app/, action/) or the tooling around it.",
            },
            {
              target: "./src",
              from: "./action",
              message: "src never imports the front doors (app/, action/) or the tooling around it.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: NODE_BUILTINS_BARE.map((name) => ({ name, message: "src/core is pure: no Node built-ins." })),
          patterns: CORE_FORBIDDEN_PACKAGES,
        },
      ],
    },
  },
);
