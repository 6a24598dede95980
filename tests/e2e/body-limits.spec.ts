// Body limits on the real server: an oversized body is refused before it is read, whether it
// declares its length or streams in chunks. Measured in bytes the client got to send.
import { execFileSync } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { expect } from "@playwright/test";
import { test } from "./support";

const port = Number(process.env.E2E_PORT ?? 3210);
const HUGE = 128 * 1024 * 1024;
// The route's limit is 64 KiB; the rest is what loopback socket buffers hold before the answer.
const MOST_SENT_BEFORE_ANSWER = 16 * 1024 * 1024;

function createToken(role: string): string {
  return execFileSync(
    "./bin/pitstop",
    ["token", "create", "--name", `e2e-body-${role}`, "--role", role],
    {
      env: { ...process.env, PITSTOP_DATA_DIR: path.resolve("data/e2e") },
      encoding: "utf8",
    },
  ).trim();
}

/** POSTs up to `total` bytes, as fast as the server takes them, until it answers. */
function postUntilAnswered(
  headers: Record<string, string>,
  total: number,
): Promise<{ status: number; sent: number }> {
  return new Promise((resolve, reject) => {
    const request = http.request({
      host: "127.0.0.1",
      port,
      path: "/api/v1/incidents",
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
    });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    let answered = false;
    request.on("response", (response) => {
      answered = true;
      response.resume();
      resolve({ status: response.statusCode ?? 0, sent });
    });
    // Once the server has answered and closed, writing on may fail; that is the point.
    request.on("error", (error) => answered || reject(error));
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!request.write(chunk)) return void request.once("drain", pump);
      }
      if (!answered) request.end();
    };
    pump();
  });
}

test.describe("body limits", () => {
  let authorization = "";
  test.beforeAll(() => {
    authorization = `Bearer ${createToken("sre")}`;
  });

  test("a streamed body past the limit is cut off with 413", async () => {
    const { status, sent } = await postUntilAnswered(
      { authorization, "transfer-encoding": "chunked" },
      HUGE,
    );
    console.log(`chunked: ${sent} bytes sent before the ${status}`);
    expect(status).toBe(413);
    expect(sent).toBeLessThan(MOST_SENT_BEFORE_ANSWER);
  });

  test("a declared Content-Length past the limit is refused before the body is read", async () => {
    const { status, sent } = await postUntilAnswered(
      { authorization, "content-length": String(HUGE) },
      HUGE,
    );
    console.log(`Content-Length ${HUGE}: ${sent} bytes sent before the ${status}`);
    expect(status).toBe(413);
    expect(sent).toBeLessThan(MOST_SENT_BEFORE_ANSWER);
  });
});
