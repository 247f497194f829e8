import type { Route } from "./rest-context.js";
import { appRoutes } from "./routes/app-routes.js";
import { checkRoutes } from "./routes/check-routes.js";
import { digestIssueRoutes } from "./routes/digest-issue-routes.js";
import { issueRoutes } from "./routes/issue-routes.js";
import { pullRoutes } from "./routes/pull-routes.js";
import { repoRoutes } from "./routes/repo-routes.js";
import { statusRoutes } from "./routes/status-routes.js";
import { teamRoutes } from "./routes/team-routes.js";

interface CompiledRoute {
  readonly route: Route;
  readonly regex: RegExp;
  readonly names: readonly string[];
}

/** A matched route with its decoded path parameters. */
export interface RouteMatch {
  readonly route: Route;
  readonly params: Record<string, string>;
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.path.replace(/[.*+?^${}()|[\]\\]/g, (c) => `\\${c}`).replace(/\\\{(\\\+)?([a-z_]+)\\\}/g, (_m, plus: string | undefined, name: string) => {
    names.push(name);
    return plus ? "(.+)" : "([^/]+)";
  });
  return { route, regex: new RegExp(`^${source}/?$`), names };
}

/** Every REST route the emulator implements. */
export const ALL_ROUTES: readonly Route[] = [
  ...appRoutes,
  ...repoRoutes,
  ...pullRoutes,
  ...issueRoutes,
  ...digestIssueRoutes,
  ...checkRoutes,
  ...statusRoutes,
  ...teamRoutes,
];

/** Matches requests to routes; also tells "no such path" from "wrong method". */
export class RouteTable {
  readonly #compiled: CompiledRoute[];

  constructor(routes: readonly Route[] = ALL_ROUTES) {
    this.#compiled = routes.map(compile);
  }

  match(method: string, path: string): RouteMatch | "method-not-allowed" | undefined {
    let pathMatched = false;
    for (const c of this.#compiled) {
      const m = c.regex.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (c.route.method !== method) continue;
      const params: Record<string, string> = {};
      c.names.forEach((n, i) => {
        const raw = m[i + 1] ?? "";
        try {
          params[n] = decodeURIComponent(raw);
        } catch {
          params[n] = raw;
        }
      });
      return { route: c.route, params };
    }
    return pathMatched ? "method-not-allowed" : undefined;
  }
}
