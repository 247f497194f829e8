import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { findStaleBuild } from "../../demo/ensure-fresh-build.js";

const dirs: string[] = [];

function project(files: Record<string, number>): string {
  const root = mkdtempSync(join(tmpdir(), "integ-gate-demo-"));
  dirs.push(root);
  for (const [path, mtimeSeconds] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(join(full, ".."), { recursive: true });
    writeFileSync(full, "export {};\n");
    utimesSync(full, mtimeSeconds, mtimeSeconds);
  }
  return root;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("findStaleBuild (npm run demo builds first when lib/ is missing or stale)", () => {
  it("accepts a build at least as new as every app source", () => {
    const root = project({ "src/core/a.ts": 100, "app/index.ts": 100, "lib/src/core/a.js": 100, "lib/app/index.js": 200 });
    expect(findStaleBuild(root)).toBeNull();
  });

  it("names a source that is newer than its build", () => {
    const root = project({ "src/core/a.ts": 300, "app/index.ts": 100, "lib/src/core/a.js": 200, "lib/app/index.js": 200 });
    expect(findStaleBuild(root)).toBe(join("src", "core", "a.ts"));
  });

  it("names a source with no build at all (a fresh clone)", () => {
    const root = project({ "src/core/a.ts": 100, "app/index.ts": 100 });
    expect(findStaleBuild(root)).not.toBeNull();
  });

  it("ignores declaration files, which compile to nothing", () => {
    const root = project({ "src/types.d.ts": 500, "app/index.ts": 100, "lib/app/index.js": 200 });
    expect(findStaleBuild(root)).toBeNull();
  });
});
