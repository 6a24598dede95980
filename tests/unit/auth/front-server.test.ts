// `npm start`'s front server is what makes the peer address trustworthy: it overwrites any
// client's copy of the peer header and, with no trusted proxy, drops forwarded headers before
// Next.js (whose own Server Action check reads X-Forwarded-Host) sees them.
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { stampRequest } from "@/scripts/front-server.mjs";

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
