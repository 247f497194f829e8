import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/** The directories the app's compiled code comes from (`npm start` runs lib/app/index.js). */
export const APP_SOURCE_DIRS: readonly string[] = ["src", "app"];

/** The first source file whose compiled .js in lib/ is missing or older, or null when lib/ is up to date. */
export function findStaleBuild(root: string, dirs: readonly string[] = APP_SOURCE_DIRS): string | null {
  const stack = dirs.map((dir) => join(root, dir));
  while (stack.length > 0) {
    const dir = stack.pop();
    if (dir === undefined) break;
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        stack.push(path);
        continue;
      }
      if (!entry.name.endsWith(".ts") || entry.name.endsWith(".d.ts")) continue;
      const built = join(root, "lib", relative(root, path).replace(/\.ts$/, ".js"));
      if (!existsSync(built) || statSync(built).mtimeMs < statSync(path).mtimeMs) return relative(root, path);
    }
  }
  return null;
}

/**
 * Runs `npm run build` when lib/ is missing or older than a source of the app,
 * telling `onBuild` why before it starts (a build takes a few seconds).
 * Returns whether it built and how long that took; throws when no usable build results.
 */
export function ensureFreshBuild(
  root: string,
  onBuild: (reason: string) => void = () => {},
  dirs: readonly string[] = APP_SOURCE_DIRS,
): { built: boolean; ms: number } {
  const stale = findStaleBuild(root, dirs);
  if (stale === null) return { built: false, ms: 0 };
  onBuild(existsSync(join(root, "lib", "app", "index.js")) ? `${stale} changed since the last build` : "no build yet");
  const started = Date.now();
  const build = spawnSync("npm", ["run", "build"], { cwd: root, encoding: "utf8" });
  const ms = Date.now() - started;
  // tsc still emits when another file has a type error; what matters is a complete, fresh lib/.
  const still = findStaleBuild(root, dirs);
  if (still !== null) {
    const output = `${build.stdout ?? ""}${build.stderr ?? ""}`.trim().split("\n").slice(-15).join("\n");
    throw new Error(`npm run build did not produce an up-to-date lib/ (${still} is newer than its build):\n${output}`);
  }
  return { built: true, ms };
}
