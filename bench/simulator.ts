// simulator.ratio_vs_node_http: simulator req/s on a cheap authenticated endpoint over a bare
// node:http server answering the same JSON, both loaded by autocannon in the same run.
// simulator.p99_ms: the simulator's p99 latency at a fixed moderate rate. A bare fastify server
// answering the same JSON is measured too, as the framework's own ceiling.
import { spawn, type ChildProcess } from "node:child_process";
import autocannon from "autocannon";
import { log, waitForHealth } from "./support";

const SIM_PORT = 4310;
const PEER_PORT = 4320;
const FASTIFY_PEER_PORT = 4321;
const LOAD = { connections: 50, duration: 4 };
const ROUNDS = 3;

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const MODERATE_RATE = 300;

function start(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, args, {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, ...env },
  });
}

export async function signIn(base: string): Promise<Record<string, string>> {
  const response = await fetch(`${base}/sandbox/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "password",
      username: "ava.active@example.com",
      password: "Drive-2026!",
      client_id: "loadlab-sandbox",
      client_secret: "secret_sandbox_loadlab",
    }),
  });
  const { access_token: token } = (await response.json()) as { access_token: string };
  return {
    authorization: `Bearer ${token}`,
    "x-api-key": "key_sandbox_loadlab",
    "x-api-version": "2025-09-01",
  };
}

export async function benchSimulator(): Promise<Record<string, number>> {
  const simulator = start(["--import", "tsx", "lib/simulator/main.ts"], {
    SIM_PORT: String(SIM_PORT),
    HOST: "127.0.0.1",
  });
  const peers: ChildProcess[] = [simulator];
  try {
    const base = `http://127.0.0.1:${SIM_PORT}`;
    await waitForHealth(`${base}/health`);
    const headers = await signIn(base);
    const endpoint = `${base}/sandbox/v1/account`;
    const sample = await fetch(endpoint, { headers });
    if (!sample.ok) throw new Error(`simulator answered ${sample.status} on ${endpoint}`);
    const body = await sample.text();
    peers.push(
      start(["--import", "tsx", "bench/node-http-peer.ts"], {
        PEER_PORT: String(PEER_PORT),
        PEER_BODY: body,
      }),
    );
    peers.push(
      start(["--import", "tsx", "bench/fastify-peer.ts"], {
        PEER_PORT: String(FASTIFY_PEER_PORT),
        PEER_BODY: body,
      }),
    );
    await waitForHealth(`http://127.0.0.1:${PEER_PORT}/health`);
    await waitForHealth(`http://127.0.0.1:${FASTIFY_PEER_PORT}/health`);

    log("simulator: warming up");
    await autocannon({ url: endpoint, headers, connections: 10, duration: 2 });
    // Servers and load generator share the machine's cores, so single runs are noisy: the three
    // targets take turns, three rounds, and each keeps its median.
    const rounds: Record<"node" | "fastify" | "simulator", number[]> = {
      node: [],
      fastify: [],
      simulator: [],
    };
    for (let round = 1; round <= ROUNDS; round++) {
      log(`simulator: round ${round} of ${ROUNDS} (node:http, bare fastify, simulator)`);
      rounds.node.push(
        (
          await autocannon({
            url: `http://127.0.0.1:${PEER_PORT}/sandbox/v1/account`,
            headers,
            ...LOAD,
          })
        ).requests.average,
      );
      rounds.fastify.push(
        (
          await autocannon({
            url: `http://127.0.0.1:${FASTIFY_PEER_PORT}/sandbox/v1/account`,
            headers,
            ...LOAD,
          })
        ).requests.average,
      );
      const full = await autocannon({ url: endpoint, headers, ...LOAD });
      if (full.non2xx > 0 || full.errors > 0)
        throw new Error(
          `simulator answered ${full.non2xx} non-2xx and ${full.errors} errors under load`,
        );
      rounds.simulator.push(full.requests.average);
    }
    const [node, fastify, simulatorRate] = [
      median(rounds.node),
      median(rounds.fastify),
      median(rounds.simulator),
    ];
    log(`simulator: fixed rate ${MODERATE_RATE} req/s`);
    const moderate = await autocannon({
      url: endpoint,
      headers,
      connections: 10,
      overallRate: MODERATE_RATE,
      duration: 6,
    });
    return {
      "simulator.ratio_vs_node_http": Number((simulatorRate / node).toFixed(3)),
      "simulator.req_per_s": Math.round(simulatorRate),
      "simulator.node_http_req_per_s": Math.round(node),
      "simulator.bare_fastify_ratio_vs_node_http": Number((fastify / node).toFixed(3)),
      "simulator.p99_ms": moderate.latency.p99,
    };
  } finally {
    for (const child of peers) child.kill("SIGTERM");
  }
}
