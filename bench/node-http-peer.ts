// The peer the simulator is measured against: a bare node:http server answering every request
// with the same JSON the simulator's endpoint returns, and nothing else.
import { createServer } from "node:http";

const body = process.env.PEER_BODY ?? "{}";
const port = Number(process.env.PEER_PORT ?? 4320);
createServer((_request, response) => {
  response.writeHead(200, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
  });
  response.end(body);
}).listen(port, "127.0.0.1", () => console.error(`node-http peer on ${port}`));
