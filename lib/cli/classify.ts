// `pitstop classify`: JSON Lines in on stdin, one JSON line out per input line, in order
// (DESIGN.md, a contract). Offline and database-free: it loads only the classifier.
import { once } from "node:events";
import { createInterface } from "node:readline";
import { classifyWithSimilar } from "@/lib/diagnosis/classifier";
import { parseClassifyLine } from "@/lib/diagnosis/classify-input";

const USAGE = `usage: pitstop classify < incidents.jsonl

Reads one JSON object per line, {"errorString": "...", "context": {"httpStatus": 429, ...}},
and writes one line per input line: {"signature": "...", "causes": [{"cause": "...", "confidence": 0.93}, ...],
"similar": [{"sourceUrl": "...", "brand": "...", "cause": "...", "similarity": 0.41}, ...]}
(similar: the closest field reports) or {"error": "..."} for a line that is not valid input.`;

// Output is gathered and written in chunks: one write per line would spend more time in the
// stream machinery than in the classifier.
const OUTPUT_CHUNK_CHARS = 64 * 1024;

export function classifyLine(line: string): string {
  const parsed = parseClassifyLine(line);
  if (!parsed.ok) return JSON.stringify({ error: parsed.error });
  const { signature, causes, similar } = classifyWithSimilar(parsed.input);
  return JSON.stringify({
    signature,
    causes,
    similar: similar.map(({ sourceUrl, brand, cause, similarity }) => ({
      sourceUrl,
      brand,
      cause,
      similarity,
    })),
  });
}

export async function runClassifyCommand(args: string[]): Promise<number> {
  if (args[0] === "--help" || args[0] === "-h") {
    console.log(USAGE);
    return 0;
  }
  if (args.length > 0) {
    console.error(`pitstop classify: takes no arguments\n\n${USAGE}`);
    return 2;
  }
  if (process.stdin.isTTY)
    console.error("pitstop classify: reading JSON Lines from stdin (end with Ctrl-D)");

  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  // A reader that went away (`| head`) is not a failure: stop reading and leave quietly.
  const output = { closed: false, failure: null as Error | null };
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    output.closed = true;
    if (error.code !== "EPIPE") output.failure = error;
    lines.close();
    process.stdin.destroy();
  });

  let pending = "";
  const flush = async () => {
    const chunk = pending;
    pending = "";
    if (!process.stdout.write(chunk)) await once(process.stdout, "drain");
  };

  try {
    for await (const line of lines) {
      if (output.closed) break;
      pending += classifyLine(line) + "\n";
      if (pending.length >= OUTPUT_CHUNK_CHARS) await flush();
    }
    if (pending && !output.closed) await flush();
  } catch (error) {
    if (!output.closed) {
      console.error(`pitstop classify: ${(error as Error).message}`);
      return 1;
    }
  }
  if (output.failure) {
    console.error(`pitstop classify: cannot write the output: ${output.failure.message}`);
    return 1;
  }
  return 0;
}
