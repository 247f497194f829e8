import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { BUNDLE } from "./support/run-bundled-action.js";

const DIST = dirname(BUNDLE);

/** The chunks a bundle file imports: statically (loaded at start-up) and through import() (on demand). */
function importsOf(file: string): { readonly static: string[]; readonly dynamic: string[] } {
  const text = readFileSync(file, "utf8");
  const resolve = (spec: string) => join(dirname(file), spec);
  return {
    static: [...text.matchAll(/^(?:import|\}) .*?from "(\.{1,2}\/[^"]+)";$/gm)].map((m) => resolve(m[1] ?? "")),
    dynamic: [...text.matchAll(/\bimport\("(\.{1,2}\/[^"]+)"\)/g)].map((m) => resolve(m[1] ?? "")),
  };
}

/** dist/index.js and every chunk it loads at start-up, before any import(). */
function startUpFiles(): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const next of importsOf(file).static) visit(next);
  };
  visit(BUNDLE);
  return [...seen];
}

/** The source modules esbuild put into a bundle file (it heads each with a `// path` comment). */
function modulesIn(file: string): string[] {
  return [...readFileSync(file, "utf8").matchAll(/^\/\/ ((?:node_modules|src|action)\/\S+)$/gm)].map((m) => m[1] ?? "");
}

describe("the Action bundle (dist/)", () => {
  it("holds index.js, the chunks it imports and nothing stale: every chunk is imported, every import exists", () => {
    const chunks = readdirSync(join(DIST, "chunks")).map((name) => join(DIST, "chunks", name));
    const imported = new Set<string>();
    for (const file of [BUNDLE, ...chunks]) {
      const { static: loaded, dynamic } = importsOf(file);
      for (const target of [...loaded, ...dynamic]) {
        expect(existsSync(target), `${relative(DIST, file)} imports ${relative(DIST, target)}`).toBe(true);
        imported.add(target);
      }
    }
    expect(chunks.filter((chunk) => !imported.has(chunk)).map((chunk) => relative(DIST, chunk))).toEqual([]);
  });

  // docs/performance.md#action-start-up: start-up time follows the source V8 reads.
  it("loads neither digest code, zod's other locales nor undici when it starts: a gate run without a proxy does not need them", () => {
    const loaded = startUpFiles().flatMap(modulesIn);
    expect(loaded.length).toBeGreaterThan(100);
    expect(loaded.filter((path) => path.startsWith("src/core/digest/") || path === "action/run-digest-action.ts")).toEqual([]);
    expect(loaded.filter((path) => path.startsWith("node_modules/zod/v4/locales/"))).toEqual(["node_modules/zod/v4/locales/en.js"]);
    expect(loaded.filter((path) => path.startsWith("node_modules/undici/"))).toEqual([]);
    expect(loaded).toContain("action/undici-on-demand.ts");
  });
});
