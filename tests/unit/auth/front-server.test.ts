// `npm start`'s front server is what makes the peer address trustworthy: it overwrites any
// client's copy of the peer header and, with no trusted proxy, drops forwarded headers before
// Next.js (whose own Server Action check reads X-Forwarded-Host) sees them.
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createFrontServer, stampRequest } from "@/scripts/front-server.mjs";

let server: http.Server | undefined;
afterEach(() => {
  server?.close();
  delete process.env.PITSTOP_TRUSTED_PROXY_HOPS;
});

async function headersSeenBehindFrontServer(sent: Record<string, string>) {
  server = http.createServer((request, response) => {
    stampRequest(request);
    response.end(JSON.stringify(request.headers));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const response = await fetch(`http://127.0.0.1:${port}/`, { headers: sent });
  return (await response.json()) as Record<string, string | undefined>;
}

const forged = {
  "x-pitstop-peer": "203.0.113.99",
  "x-forwarded-for": "198.51.100.66",
  "x-forwarded-host": "evil.example",
  "x-forwarded-proto": "https",
  forwarded: "for=198.51.100.66;host=evil.example;proto=https",
};

describe("stampRequest", () => {
  it("stamps the socket's peer over a client's copy and drops forwarded headers", async () => {
    const seen = await headersSeenBehindFrontServer(forged);
    expect(seen["x-pitstop-peer"]).toBe("127.0.0.1");
    expect(seen["x-forwarded-for"]).toBeUndefined();
    expect(seen["x-forwarded-host"]).toBeUndefined();
    expect(seen["x-forwarded-proto"]).toBeUndefined();
    expect(seen.forwarded).toBeUndefined();
  });

  it("keeps forwarded headers for the app to weigh when a proxy is trusted", async () => {
    process.env.PITSTOP_TRUSTED_PROXY_HOPS = "1";
    const seen = await headersSeenBehindFrontServer(forged);
    expect(seen["x-pitstop-peer"]).toBe("127.0.0.1");
    expect(seen["x-forwarded-for"]).toBe("198.51.100.66");
    expect(seen["x-forwarded-host"]).toBe("evil.example");
  });
});

describe("createFrontServer", () => {
  // A load balancer (or a test's request context) reuses an idle connection it believes open; a
  // server that closes idle connections first resets the request that was already on its way.
  it("keeps an idle connection open longer than a load balancer's one-minute idle timeout", async () => {
    server = createFrontServer((_request, response) => response.end("ok"));
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    expect(server.keepAliveTimeout).toBeGreaterThan(60_000);
    const { port } = server.address() as AddressInfo;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<{ reused: boolean; body: string }>((resolve, reject) => {
        const request = http.get({ host: "127.0.0.1", port, agent }, (response) => {
          let body = "";
          response.on("data", (chunk: Buffer) => (body += chunk));
          response.on("end", () => resolve({ reused: request.reusedSocket, body }));
        });
        request.on("error", reject);
      });
    expect(await get()).toEqual({ reused: false, body: "ok" });
    await new Promise((resolve) => setTimeout(resolve, 6_500));
    expect(await get()).toEqual({ reused: true, body: "ok" });
    agent.destroy();
  }, 15_000);
});
