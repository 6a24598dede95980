// A throwaway PostgreSQL cluster for the test run: initdb into a temporary folder, a server on a
// free loopback port with durability off (the data dies with the run), stopped and deleted after.
// Uses Debian's postgresql binaries; PostgreSQL refuses to run as root, so as root the server
// runs as the `postgres` user the package creates. Plain JS: it runs before tsx exists.
import { spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

const DEBIAN_BINARIES = "/usr/lib/postgresql";

/** The folder of the newest installed PostgreSQL's binaries, or null when none is installed. */
export function postgresBinaries() {
  if (!existsSync(DEBIAN_BINARIES)) return null;
  const versions = readdirSync(DEBIAN_BINARIES)
    .filter(
      (name) => /^\d+$/.test(name) && existsSync(path.join(DEBIAN_BINARIES, name, "bin", "initdb")),
    )
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(DEBIAN_BINARIES, versions[0], "bin") : null;
}

function freePort() {
  const server = createServer();
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function userId(name) {
  const result = spawnSync("id", ["-u", name], { encoding: "utf8" });
  const gid = spawnSync("id", ["-g", name], { encoding: "utf8" });
  return result.status === 0 ? { uid: Number(result.stdout), gid: Number(gid.stdout) } : null;
}

/**
 * Starts a cluster with an empty `database` and answers { url, stop }, or { problem } when
 * PostgreSQL is not installed or will not start. The unit suite drops and creates it again.
 */
export async function startThrowawayCluster(database = "pitstop_test") {
  const bin = postgresBinaries();
  if (!bin)
    return { problem: `no PostgreSQL under ${DEBIAN_BINARIES} (apt-get install postgresql)` };
  const directory = mkdtempSync(path.join(tmpdir(), "pitstop-postgres-"));
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? userId("postgres") : null;
  if (asRoot && !owner)
    return { problem: "running as root, and there is no postgres user to run PostgreSQL as" };
  if (owner) chownSync(directory, owner.uid, owner.gid);
  const exec = (command, args) => {
    const result = spawnSync(command, args, {
      cwd: directory,
      encoding: "utf8",
      ...(owner ? { uid: owner.uid, gid: owner.gid } : {}),
    });
    return result.status === 0
      ? null
      : `${path.basename(command)}: ${result.stderr || result.stdout || result.error}`;
  };
  const data = path.join(directory, "data");
  const port = await freePort();
  const problem =
    exec(path.join(bin, "initdb"), [
      "-D",
      data,
      "-A",
      "trust",
      "-U",
      "postgres",
      "--no-sync",
      "-E",
      "UTF8",
    ]) ??
    exec(path.join(bin, "pg_ctl"), [
      "-D",
      data,
      "-l",
      path.join(directory, "server.log"),
      "-w",
      "-o",
      `-p ${port} -k ${directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
      "start",
    ]) ??
    exec(path.join(bin, "createdb"), [
      "-h",
      "127.0.0.1",
      "-p",
      String(port),
      "-U",
      "postgres",
      database,
    ]);
  const stop = () => {
    exec(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
    rmSync(directory, { recursive: true, force: true });
  };
  if (problem) {
    stop();
    return { problem };
  }
  return { url: `postgresql://postgres@127.0.0.1:${port}/${database}`, stop };
}
