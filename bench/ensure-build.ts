import { existsSync } from "node:fs";
import { join } from "node:path";
import { ensureFreshBuild, findStaleBuild } from "../demo/ensure-fresh-build.js";
import { ROOT } from "./start-probot-process.js";

/** The directories tsconfig.build.json compiles into lib/ that the bench runs. */
const SOURCE_DIRS = ["src", "app", "action", "emulator"];

/** True when every .ts file under SOURCE_DIRS has a compiled .js in lib/ that is not older. */
export function buildIsFresh(): boolean {
  return findStaleBuild(ROOT, SOURCE_DIRS) === null;
}

/**
 * The bench runs the app as `npm start` does (`probot run ./lib/app/index.js`)
 * and the Action from the committed dist/index.js: compiles lib/ when it is
 * older than its sources (`npm run build`), and says what it did.
 */
export function ensureBuild(): string {
  if (!existsSync(join(ROOT, "dist/index.js"))) throw new Error("dist/index.js is missing: run npm run build:action");
  const { built, ms } = ensureFreshBuild(ROOT, () => {}, SOURCE_DIRS);
  return built ? `compiled lib/ in ${(ms / 1000).toFixed(1)} s` : "lib/ is up to date";
}
