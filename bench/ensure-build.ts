import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./start-probot-process.js";

/** The directories tsconfig.build.json compiles into lib/. */
const SOURCE_DIRS = ["src", "app", "action", "emulator"];

/** True when every .ts file under SOURCE_DIRS has a compiled .js in lib/ that is not older. */
export function buildIsFresh(): boolean {
  if (!existsSync(join(ROOT, "lib/app/index.js"))) return false;
  const stack = SOURCE_DIRS.map((dir) => join(ROOT, dir));
  while (stack.length > 0) {
    const dir = stack.pop();
    if (dir === undefined) break;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) stack.push(path);
      else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) {
        const built = join(ROOT, "lib", path.slice(ROOT.length).replace(/\.ts$/, ".js"));
        try {
          if (statSync(built).mtimeMs < statSync(path).mtimeMs) return false;
        } catch {
          return false;
        }
      }
    }
  }
  return true;
}

/**
 * The bench runs the app as `npm start` does (`probot run ./lib/app/index.js`)
 * and the Action from the committed dist/index.js: compiles lib/ when it is
 * older than its sources (`npm run build`), and says what it did.
 */
export function ensureBuild(): string {
  if (!existsSync(join(ROOT, "dist/index.js"))) throw new Error("dist/index.js is missing: run npm run build:action");
  if (buildIsFresh()) return "lib/ is up to date";
  const started = performance.now();
  const result = spawnSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], { cwd: ROOT, encoding: "utf8" });
  if (!existsSync(join(ROOT, "lib/app/index.js"))) throw new Error(`npm run build produced no lib/app/index.js:\n${result.stdout}${result.stderr}`);
  const note = result.status === 0 ? "" : " (tsc reported type errors; the JavaScript was emitted)";
  return `compiled lib/ in ${((performance.now() - started) / 1000).toFixed(1)} s${note}`;
}
