// A tiny real HTTP server for vendor tests: each test says how it answers, and every request
// it received (method, path, headers, body) is kept for assertions.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { createConnection } from "@/lib/vendors/store";
import type { VendorConnectionInput } from "@/lib/vendors/schema";

export type Received = {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
};
export type Handler = (request: Received, response: ServerResponse) => unknown;

export async function startVendor(handler: Handler) {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const entry = {
        method: request.method ?? "",
        path: request.url ?? "",
        headers: request.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      received.push(entry);
      void handler(entry, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const json = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
};

export const system = { kind: "system", label: "vendor test" } as const;
export const uniqueName = (prefix: string) => `${prefix} ${randomBytes(4).toString("hex")}`;

/** A Smartcar connection on `origin`, created through the store. */
export async function smartcarConnection(
  origin: string,
  overrides: Partial<VendorConnectionInput> = {},
) {
  const result = await createConnection(
    {
      name: uniqueName("Smartcar"),
      kind: "smartcar",
      environment: "sandbox",
      baseUrl: origin,
      clientId: "client-id-1",
      clientSecret: "client-secret-value-1",
      ...overrides,
    },
    system,
  );
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.connection;
}

export async function clearVendorData() {
  await db.incident.updateMany({
    where: { vendorConnectionId: { not: null } },
    data: { vendorConnectionId: null },
  });
  await db.smartcarAccountLink.deleteMany();
  await db.smartcarConnectState.deleteMany();
  await db.vendorConnection.deleteMany();
}
