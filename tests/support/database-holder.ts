// Another process holding a SQLite file open, idle, as a `sqlite3` shell or a long `pitstop soak`
// does: it reads once (so it holds WAL mode's shared lock) and then waits until it is stopped.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";

const HOLDER = `
const Database = require("better-sqlite3");
const db = new Database(process.argv[1]);
db.pragma("journal_mode = WAL");
db.prepare("SELECT count(*) FROM sqlite_master").get();
process.stdout.write("holding\\n");
setInterval(() => {}, 60_000);
`;

export type DatabaseHolder = { release: () => Promise<void> };

export async function holdDatabaseOpen(file: string): Promise<DatabaseHolder> {
  const child: ChildProcess = spawn(process.execPath, ["-e", HOLDER, file], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  await once(child.stdout!, "data");
  return {
    release: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, "exit");
      child.kill("SIGKILL");
      await exited;
    },
  };
}
