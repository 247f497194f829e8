import { statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { CONFIG_PATH } from "../core/config/integ-config.js";
import { findRepositoryRoot } from "./find-repository-root.js";

/** Where a command's config came from. */
export type ConfigSource = "--config" | "working-directory" | "git-root" | "defaults";

/**
 * The `.integ.yml` a command uses when `--config` is not given: the one in
 * `cwd`, else the one at the root of the git work tree that holds `cwd`;
 * null when there is neither. The file is named relative to `cwd`
 * (".integ.yml", "../../.integ.yml").
 */
export function findCliConfigFile(cwd: string): { file: string; source: ConfigSource } | null {
  if (isFile(join(cwd, CONFIG_PATH))) return { file: CONFIG_PATH, source: "working-directory" };
  const root = findRepositoryRoot(join(cwd, CONFIG_PATH), "");
  if (root === "" || root === cwd) return null;
  const atRoot = join(root, CONFIG_PATH);
  if (!isFile(atRoot)) return null;
  return { file: relative(cwd, atRoot).split(sep).join("/"), source: "git-root" };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
