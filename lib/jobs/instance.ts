import "server-only";
// This app process's name among the instances on one database: what a lease or a scheduled
// run records as its holder. Kept on globalThis: instrumentation and the pages are separate
// bundles in one process, and both must see the same name.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";

type InstanceGlobal = { pitstopInstanceId?: string };

export function instanceId(): string {
  const holder = globalThis as InstanceGlobal;
  holder.pitstopInstanceId ??= `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  return holder.pitstopInstanceId;
}
