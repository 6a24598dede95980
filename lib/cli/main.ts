// Entry point of `npx pitstop`: picks the command and hands it the remaining arguments.
import { runTokenCommand } from "./token";

const USAGE = `usage: pitstop <command>

commands:
  token create --name NAME --role sre|support_lead|manager|admin
      create an API token for /api/v1 and print it (shown once; stored hashed)`;

const [command, ...rest] = process.argv.slice(2);

async function main(): Promise<number> {
  switch (command) {
    case "token":
      return runTokenCommand(rest);
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
