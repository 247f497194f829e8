import { createServer as createHttpServer, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { fetch, ProxyAgent } from "../../action/undici-on-demand.js";

/** A plain HTTP server, and a CONNECT proxy that records what went through it. */
let target: Server;
let proxy: Server;
const tunnels: string[] = [];

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
}

let targetUrl = "";
let proxyUrl = "";

beforeAll(async () => {
  target = createHttpServer((req, res) => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ path: req.url, method: req.method }));
  });
  targetUrl = `http://127.0.0.1:${await listen(target)}`;
  proxy = createHttpServer((_req, res) => res.writeHead(405).end());
  proxy.on("connect", (req, socket, head) => {
    tunnels.push(req.url ?? "");
    const [host, port] = (req.url ?? "").split(":");
    const upstream = connect(Number(port), host ?? "127.0.0.1", () => {
      socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on("error", () => socket.destroy());
    socket.on("error", () => upstream.destroy());
  });
  proxyUrl = `http://127.0.0.1:${await listen(proxy)}`;
});

afterAll(async () => {
  await new Promise((resolve) => target.close(resolve));
  await new Promise((resolve) => proxy.close(resolve));
});

// docs/performance.md#action-start-up: what @actions/github takes from undici, with undici loaded only for a proxy.
describe("undici on demand (the Action bundle's undici for @actions/github)", () => {
  it("sends a request without a proxy through Node's own fetch, unchanged", async () => {
    const own = vi.spyOn(globalThis, "fetch");
    try {
      const answer = await fetch(`${targetUrl}/repos/acme/erp`, { method: "POST", body: "{}", headers: { "content-type": "application/json" }, dispatcher: undefined });
      expect(await answer.json()).toEqual({ path: "/repos/acme/erp", method: "POST" });
      expect(own).toHaveBeenCalledTimes(1);
      expect(own.mock.calls[0]?.[1]).not.toHaveProperty("dispatcher");
    } finally {
      own.mockRestore();
    }
    expect(tunnels).toEqual([]);
  });

  it("sends a request through the configured proxy with undici's real ProxyAgent, made once", async () => {
    const agent = new ProxyAgent({ uri: proxyUrl });
    const first = await fetch(`${targetUrl}/graphql`, { method: "POST", body: "{}", dispatcher: agent });
    expect(await first.json()).toEqual({ path: "/graphql", method: "POST" });
    const second = await fetch(`${targetUrl}/repos/acme/erp/statuses/abc`, { method: "POST", body: "{}", dispatcher: agent });
    expect(await second.json()).toEqual({ path: "/repos/acme/erp/statuses/abc", method: "POST" });
    expect(tunnels.length).toBeGreaterThanOrEqual(1);
    expect(new Set(tunnels)).toEqual(new Set([targetUrl.replace("http://", "")]));
    expect(await agent.real()).toBe(await agent.real());
  });
});
