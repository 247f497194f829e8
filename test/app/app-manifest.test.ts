import { readFileSync } from "node:fs";
import type { Probot } from "probot";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createIntegGateApp } from "../../app/create-integ-gate-app.js";

const manifest = parse(readFileSync(new URL("../../app.yml", import.meta.url), "utf8")) as {
  default_events: string[];
  default_permissions: Record<string, string>;
};

function subscribedEvents(): string[] {
  const names: string[] = [];
  const fake = {
    on: (events: string | string[]) => names.push(...(Array.isArray(events) ? events : [events])),
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    auth: async () => {
      throw new Error("not in this test");
    },
  };
  createIntegGateApp({ appId: 1 })(fake as unknown as Probot);
  return names;
}

describe("app.yml", () => {
  it("subscribes to every event the app handles (installation events are always delivered)", () => {
    const needed = new Set(subscribedEvents().map((name) => name.split(".")[0] as string));
    needed.delete("installation");
    needed.delete("installation_repositories");
    expect([...needed].filter((event) => !manifest.default_events.includes(event))).toEqual([]);
  });

  it("asks for the least permissions: nothing beyond what integ-gate uses", () => {
    expect(manifest.default_permissions).toEqual({
      checks: "write",
      contents: "read",
      pull_requests: "write",
      issues: "read",
      members: "read",
      merge_queues: "read",
      metadata: "read",
    });
  });
});
