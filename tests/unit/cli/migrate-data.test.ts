// `pitstop migrate-data`'s arguments, refused before anything is read or written. The move itself
// is tested on PostgreSQL in tests/unit/db/data-move.test.ts.
import { describe, expect, it } from "vitest";
import { pitstop } from "./support";

describe("pitstop migrate-data's arguments", () => {
  it.each([
    [
      ["--to", "mysql://pitstop@127.0.0.1/pitstop"],
      "--to: must be a postgresql:// or postgres:// URL",
    ],
    [["--to", "file:./data/pitstop.db"], "--to: must be a postgresql:// or postgres:// URL"],
    [["--to", "postgresql://127.0.0.1:5432"], "--to: must be a URL naming a database"],
    [[], "--to: give the target: pitstop migrate-data --to postgresql://…"],
    [["--to", "postgresql://h/db", "--batch-size", "0"], "--batch-size: must be at least 1"],
    [["--to", "postgresql://h/db", "--batch-size", "many"], "--batch-size: must be a whole number"],
  ])("refuses %j with exit 2, naming the flag, without a stack trace", async (args, message) => {
    const run = await pitstop(["migrate-data", ...args], { env: { DATABASE_URL: "" } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`pitstop migrate-data: ${message}`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe("");
  });

  it("refuses to run when DATABASE_URL names PostgreSQL, since the data moves from SQLite", async () => {
    const run = await pitstop(["migrate-data", "--to", "postgresql://h/db"], {
      env: { DATABASE_URL: "postgresql://h/other" },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unset DATABASE_URL");
  });
});
