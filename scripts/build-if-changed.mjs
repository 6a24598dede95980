// Builds the Next.js app unless .next already holds a build of exactly these sources.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { nextArgs, run } from "./ensure-installed.mjs";

const SOURCES = [
  "app",
  "components",
  "lib",
  "prisma",
  "package-lock.json",
  "next.config.ts",
  "proxy.ts",
  "postcss.config.mjs",
  "tsconfig.json",
];
const STAMP = ".next/pitstop-sources";

function* files(entry) {
  if (!existsSync(entry)) return;
  if (statSync(entry).isDirectory()) {
    for (const child of readdirSync(entry).sort()) {
      if (child !== "generated" && child !== "generated-pg") yield* files(path.join(entry, child));
    }
  } else {
    yield entry;
  }
}

function sourcesFingerprint() {
  const hash = createHash("sha256");
  for (const source of SOURCES) {
    for (const file of files(source)) hash.update(file).update(readFileSync(file));
  }
  return hash.digest("hex");
}

/** True when .next holds a build of the current sources (building it first if needed). */
export function buildIfChanged() {
  const fingerprint = sourcesFingerprint();
  if (
    existsSync(".next/BUILD_ID") &&
    existsSync(STAMP) &&
    readFileSync(STAMP, "utf8") === fingerprint
  )
    return true;
  console.error("pitstop: building the app (next build)…");
  // Build output goes to stderr: stdout belongs to callers such as the bench (JSON last line).
  if (run(process.execPath, nextArgs(["build"]), { stdio: ["ignore", 2, 2] }) !== 0) return false;
  writeFileSync(STAMP, fingerprint);
  return true;
}
