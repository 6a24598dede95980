import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CAUSE_IDS } from "@/lib/diagnosis/taxonomy";

const root = path.resolve(__dirname, "../../..");
// classify must run where no database exists: a data directory that cannot be created.
const withoutDatabase = { ...process.env, PITSTOP_DATA_DIR: "/dev/null/no-database" };

/** Every project file reachable through static and dynamic imports from `entry`. */
function importGraph(entry: string): Map<string, string> {
  const files = new Map<string, string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    const source = readFileSync(file, "utf8");
    files.set(file, source);
    for (const [, specifier] of source.matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)) {
      if (!specifier!.startsWith(".") && !specifier!.startsWith("@/")) continue;
      const base = specifier!.startsWith("@/")
        ? path.join(root, specifier!.slice(2))
        : path.resolve(path.dirname(file), specifier!);
      const resolved = [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")].find(
        (candidate) => existsSync(candidate),
      );
      if (resolved) visit(resolved);
    }
  };
  visit(entry);
  return files;
}

type Run = { code: number | null; stdout: string; stderr: string };

function runClassify(stdin: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn("./bin/pitstop", ["classify"], { cwd: root, env: withoutDatabase });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe("pitstop classify", () => {
  it("loads neither the database client nor server-only code", () => {
    const graph = importGraph(path.join(root, "lib/cli/classify.ts"));
    expect(graph.size).toBeGreaterThan(3);
    for (const [file, source] of graph) {
      expect(path.relative(root, file)).not.toMatch(/^lib\/db\//);
      expect(source, file).not.toMatch(/import\s+"server-only"|@prisma\//);
    }
  });

  it("answers every input line with one output line, in order, and goes on past bad lines", async () => {
    const input = [
      JSON.stringify({ errorString: "HTTP 429 Too Many Requests" }),
      "{this is not json",
      JSON.stringify({ context: { httpStatus: 401 } }),
      JSON.stringify({ errorString: 401 }),
      "",
      JSON.stringify({
        errorString: "getaddrinfo ENOTFOUND api.example.com",
        context: { httpStatus: null, vin: "X" },
        extra: true,
      }),
      JSON.stringify({ errorString: "Your Connected Services subscription has expired" }),
    ].join("\r\n");
    const { code, stdout, stderr } = await runClassify(`${input}\n`);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const output = stdout.split("\n");
    expect(output.pop()).toBe("");
    const lines = output.map((text) => JSON.parse(text));
    expect(lines).toHaveLength(7);

    expect(lines[0].causes[0].cause).toBe("rate_limited");
    expect(lines[0].signature).toBe("http 429 too many requests");
    expect(lines[1].error).toMatch(/not valid JSON/);
    expect(lines[2]).toEqual({ error: "errorString is required" });
    expect(lines[3]).toEqual({ error: "errorString must be a string" });
    expect(lines[4]).toEqual({ error: "empty line" });
    expect(lines[5].causes[0].cause).toBe("phone_network");
    expect(lines[6].causes[0].cause).toBe("subscription_inactive");
    for (const result of [lines[0], lines[5], lines[6]]) {
      expect(Object.keys(result).sort()).toEqual(["causes", "signature", "similar"]);
      expect(result.similar.length).toBeLessThanOrEqual(3);
      for (const report of result.similar) {
        expect(Object.keys(report).sort()).toEqual(["brand", "cause", "similarity", "sourceUrl"]);
        expect(CAUSE_IDS).toContain(report.cause);
        expect(report.similarity).toBeGreaterThan(0);
        expect(report.similarity).toBeLessThanOrEqual(1);
      }
      expect(result.causes.map((item: { cause: string }) => item.cause).sort()).toEqual(
        [...CAUSE_IDS].sort(),
      );
    }
  });

  it("answers a last line that has no newline, and nothing for an empty input", async () => {
    expect(
      (await runClassify(JSON.stringify({ errorString: "502 Bad Gateway" }))).stdout
        .trim()
        .split("\n"),
    ).toHaveLength(1);
    expect(await runClassify("")).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("stops quietly when the reader goes away", async () => {
    const child = spawn("./bin/pitstop", ["classify"], { cwd: root });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    child.stdout.once("data", () => child.stdout.destroy());
    // Writing may fail once the child is gone; that is the point of the test.
    child.stdin.on("error", () => {});
    child.stdin.end(
      `${JSON.stringify({ errorString: "HTTP 503 Service Unavailable" })}\n`.repeat(50_000),
    );
    const code = await new Promise((resolve) => child.on("close", resolve));
    expect(code).toBe(0);
    expect(stderr).toBe("");
  });
});
