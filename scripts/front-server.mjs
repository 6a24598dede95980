// The app's HTTP entry for `npm start` and the browser tests: Next.js behind a small node:http
// server that stamps each request with its connection's peer address. Under `next start` the
// app never sees the socket; lib/auth/client-address.ts reads this stamp instead.
// Settings: HOST, PORT, PITSTOP_TRUSTED_PROXY_HOPS (README, "Requirements and settings").
import http from "node:http";
import { pathToFileURL } from "node:url";

const PEER_ADDRESS_HEADER = "x-pitstop-peer";
const MALFORMED_PATH_MESSAGE = "The address is not valid percent-encoded UTF-8.";
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

/**
 * Answers 400 to an address whose percent-encoding does not decode (%C0%AE, a cut-off %E0%A4%A):
 * Next's router fails on it and, unable to render its own 400, answers 500. True when answered.
 */
export function refuseMalformedPath(request, response) {
  try {
    decodeURIComponent((request.url ?? "/").split("?")[0]);
    return false;
  } catch {
    const path = request.url ?? "";
    const api = path.startsWith("/api/") || path.startsWith("/health");
    response.writeHead(400, {
      "content-type": api ? "application/json" : "text/plain; charset=utf-8",
      "x-content-type-options": "nosniff",
    });
    response.end(
      api
        ? JSON.stringify({ error: "malformed_path", message: MALFORMED_PATH_MESSAGE })
        : MALFORMED_PATH_MESSAGE,
    );
    return true;
  }
}

/**
 * The front server around Next's request handler. As `next start` does, a request Next could
 * not handle is a 500, never a crashed server.
 */
export function createFrontServer(handle) {
  const server = http.createServer(async (request, response) => {
    if (refuseMalformedPath(request, response)) return;
    stampRequest(request);
    // An answer sent before the body was read (413) closes the connection: node would otherwise
    // read and discard the rest of the body, which is what the early answer was for.
    response.on("finish", () => {
      if (!request.complete) request.socket.destroySoon();
    });
    try {
      await handle(request, response);
    } catch (error) {
      console.error(`pitstop: failed to handle ${request.method} ${request.url}`, error);
      if (!response.headersSent) response.statusCode = 500;
      response.end();
    }
  });
  // Longer than a load balancer keeps an idle connection (a minute, commonly): node's default of
  // five seconds closes connections the balancer, or a browser test's request context, is about
  // to reuse, and the request already on its way is reset.
  server.keepAliveTimeout = 65_000;
  return server;
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
  const server = createFrontServer(handle);
  server.listen(port, hostname, () => console.error(`pitstop: app ready on ${hostname}:${port}`));
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await serve();
