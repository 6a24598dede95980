// A second peer: bare fastify answering the same JSON, so the report shows how much of the gap
// to node:http is the framework's own and how much is the simulator's work.
import Fastify from "fastify";

const body = process.env.PEER_BODY ?? "{}";
const app = Fastify({ logger: false });
app.get("/*", async (_request, reply) => reply.type("application/json; charset=utf-8").send(body));
await app.listen({ port: Number(process.env.PEER_PORT ?? 4321), host: "127.0.0.1" });
