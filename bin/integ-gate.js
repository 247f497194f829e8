#!/usr/bin/env node
// integ-gate command line.
// - A build (`npm run build` -> lib/) that is at least as new as every source
//   file it was compiled from is run directly (fastest).
// - Otherwise the TypeScript sources run through tsx: a clone works right
//   after `npm ci`, with no build step, and never runs a stale build.
// - Without tsx (a production install, `npm ci --omit=dev`) the build is used.
import { existsSync, readdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

const root = fileURLToPath(new URL("..", import.meta.url));
const sourceMain = join(root, "src/cli/main.ts");
const builtMain = join(root, "lib/src/cli/main.js");
/** The directory the CLI's code comes from (tsconfig.build.json compiles it into lib/). */
const SOURCE_DIRS = ["src"];

/** True when every .ts file under SOURCE_DIRS has a compiled .js in lib/ that is not older. */
function buildIsFresh() {
  if (!existsSync(builtMain)) return false;
  const stack = SOURCE_DIRS.map((dir) => join(root, dir));
  while (stack.length > 0) {
    const dir = stack.pop();
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
        const built = join(root, "lib", path.slice(root.length).replace(/\.ts$/, ".js"));
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

async function loadMain() {
  if (!existsSync(sourceMain) || buildIsFresh()) return import(builtMain);
  try {
    const { register } = await import("tsx/esm/api");
    register();
  } catch (error) {
    if (error?.code === "ERR_MODULE_NOT_FOUND" && existsSync(builtMain)) return import(builtMain);
    process.stderr.write(`integ-gate: cannot run: tsx is not installed and there is no build; run npm ci (or npm run build).\n${error?.message ?? error}\n`);
    process.exit(3);
  }
  return import(sourceMain);
}

const { main } = await loadMain();
await main();
