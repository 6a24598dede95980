// The app's HTTP entry for `npm start` and the browser tests: Next.js behind a small node:http
// server that stamps each request with its connection's peer address. Under `next start` the
// app never sees the socket; lib/auth/client-address.ts reads this stamp instead.
// Settings: HOST, PORT, PITSTOP_TRUSTED_PROXY_HOPS (README, "Requirements and settings").
import http from "node:http";
import { pathToFileURL } from "node:url";

const PEER_ADDRESS_HEADER = "x-pitstop-peer";
const FORWARDED_HEADERS = [
  "forwarded",
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-port",
  "x-forwarded-proto",
];

/**
 * Overwrites any client copy of the peer header. With no trusted proxy, forwarded headers are
 * dropped too: Next's own Server Action check would otherwise believe X-Forwarded-Host.
 */
export function stampRequest(request) {
  request.headers[PEER_ADDRESS_HEADER] = request.socket.remoteAddress ?? "";
  if (Number(process.env.PITSTOP_TRUSTED_PROXY_HOPS ?? 0) === 0) {
    for (const name of FORWARDED_HEADERS) delete request.headers[name];
  }
}

async function serve() {
  const { default: next } = await import("next");
  const hostname = process.env.HOST ?? "127.0.0.1";
  const port = Number(process.env.PORT ?? 3000);
  // Tells lib/auth/client-address.ts, in this same process, that the peer stamp is ours.
  process.env.PITSTOP_FRONT_SERVER = "1";
  const app = next({ dev: false, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  // As `next start` does: a request Next could not handle is a 500, never a crashed server.
  const server = http.createServer(async (request, response) => {
    stampRequest(request);
    try {
      await handle(request, response);
    } catch (error) {
      console.error(`pitstop: failed to handle ${request.method} ${request.url}`, error);
      if (!response.headersSent) response.statusCode = 500;
      response.end();
    }
  });
  server.listen(port, hostname, () => console.error(`pitstop: app ready on ${hostname}:${port}`));
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await serve();
