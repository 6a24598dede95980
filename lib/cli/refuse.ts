// How every pitstop command refuses its arguments: each problem on stderr, naming the command,
// a pointer to its --help, and exit code 2.

/** Prints `errors` for `pitstop <command>` and answers the exit code; `help` is whose --help. */
export function refuseArguments(
  command: string,
  errors: readonly string[],
  help: string = command,
): number {
  for (const error of errors) console.error(`pitstop ${command}: ${error}`);
  console.error(`(pitstop ${help} --help lists the flags)`);
  return 2;
}
