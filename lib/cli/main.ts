// Entry point of `npx pitstop`: picks the command and hands it the remaining arguments.
// Commands are loaded on demand so `classify` never loads the database client that `token` needs.
import { argv } from "node:process";

const USAGE = `usage: pitstop <command>

commands:
  classify < errors.jsonl
      rank the likely causes of each error (JSON Lines in, JSON Lines out; offline, no database)
  soak --target URL (--rate N | --steps START:STEP:CEILING:STEP_SECONDS) --duration S [...]
      run a bounded soak test against a loopback endpoint, recorded in the local database;
      progress on stderr, the summary JSON (with the breakpoint) as the last stdout line
      (pitstop soak --help lists every flag)
  ingest [--file PATH] [--reporter NAME] < incidents.jsonl
      file incidents from JSON Lines (the Incident JSON contract) in batches; bad or duplicate
      lines are reported on stderr, {"created": n, "rejected": m} printed last
  export weekly [--out DIR] [--end ISO]
      write the weekly CSV export (audit events, webhook failures, 429 bursts) into DIR
  export runbook ID [--version N] [--out FILE]
      print a runbook entry as Markdown (or write it to FILE)
  export field-reports --out DIR [--since DATE]
      write resolved incidents with a confirmed cause as internal field reports (scrubbed)
      into DIR, for npm run train:classifier -- --internal DIR
  backup --out FILE
      copy the local database into FILE while the app keeps running (SQLite's online backup)
  migrate-data --to postgresql://… [--batch-size N] [--replace]
      copy every row of the local SQLite database into PostgreSQL (resumable; counts checked)
  token create --name NAME --role sre|support_lead|manager|admin
      create an API token for /api/v1 and print it (shown once; stored hashed)`;

const [command, ...rest] = argv.slice(2);

async function main(): Promise<number> {
  switch (command) {
    case "classify": {
      const { runClassifyCommand } = await import("./classify");
      return runClassifyCommand(rest);
    }
    case "soak": {
      const { runSoakCommand } = await import("./soak");
      return runSoakCommand(rest);
    }
    case "ingest": {
      const { runIngestCommand } = await import("./ingest");
      return runIngestCommand(rest);
    }
    case "export": {
      const { runExportCommand } = await import("./export");
      return runExportCommand(rest);
    }
    case "backup": {
      const { runBackupCommand } = await import("./backup");
      return runBackupCommand(rest);
    }
    case "migrate-data": {
      const { runMigrateDataCommand } = await import("./migrate-data");
      return runMigrateDataCommand(rest);
    }
    case "token": {
      const { runTokenCommand } = await import("./token");
      return runTokenCommand(rest);
    }
    case undefined:
    case "help":
    case "--help":
      console.log(USAGE);
      return 0;
    default:
      console.error(`pitstop: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

process.exitCode = await main();
