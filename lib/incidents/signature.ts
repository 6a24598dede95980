// An incident's signature: its error string with the volatile parts (ids, timestamps, numbers,
// VINs, tokens, addresses) replaced by placeholders, so repeats of one failure group together.
// HTTP status codes and vendor error codes are kept: they tell failures apart.
import { maskText } from "@/lib/security/secrets";

const MAX_SIGNATURE_LENGTH = 400;
// The signature keeps the first 400 characters, so only the head of a long paste can reach it;
// reading a 2 MB log whole took seconds per line.
const SIGNATURE_SOURCE_CHARS = 64 * 1024;

// Order matters: wider shapes (a URL, a JWT, a timestamp) are replaced before the digits inside them.
const VOLATILE_PARTS: ReadonlyArray<readonly [RegExp, string]> = [
  // A masked secret (`****` and up to four characters kept) differs between repeats.
  [/\*{4}(?:private-key|[\w-]{0,4})/g, "<secret>"],
  [/\beyJ[\w-]+\.[\w-]+\.[\w-]*/g, "<jwt>"],
  [/\b(?:bearer|basic)\s+[\w.~+/=-]{8,}/gi, "bearer <secret>"],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, "<uuid>"],
  [/\b\d{4}-\d{2}-\d{2}[t ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:z|[+-]\d{2}:?\d{2})?/gi, "<time>"],
  [/\b\d{4}-\d{2}-\d{2}\b/g, "<date>"],
  [/\b\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?\b/g, "<time>"],
  [/\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g, "<email>"],
  [/\bhttps?:\/\/[^\s"'<>]+/gi, "<url>"],
  [/\b(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?\b/g, "<ip>"],
  [
    /\b(?=[A-HJ-NPR-Z0-9]{17}\b)(?=[A-HJ-NPR-Z0-9]*\d)(?=[A-HJ-NPR-Z0-9]*[A-HJ-NPR-Z])[A-HJ-NPR-Z0-9]{17}\b/gi,
    "<vin>",
  ],
  [/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b/gi, "<hex>"],
  [/\b(?=[\w-]*\d)(?=[\w-]*[a-z])(?=[\w-]*[A-Z])[\w-]{20,}\b/g, "<id>"],
  [
    /\b(?:req|request|trace|span|corr|correlation|session|txn|cmd|job|msg|acct|account|usr|user|cust|customer)[-_:#]?[\w-]*\d[\w-]*\b/gi,
    "<id>",
  ],
  [/\bv?\d+\.\d+(?:\.\d+)*(?:-[\w.]+)?\b/gi, "<version>"],
];

// A standalone number becomes "<n>" (a unit suffix such as "ms" stays), except an HTTP status
// named as such ("HTTP 429", "status: 503", "(401)") and the digits of a vendor code ("TSC-4003").
const NUMBER_OR_NAMED_STATUS =
  /(\b(?:http(?:\/(?:[\d.]+|<version>))?|status(?:\s*code)?|code)\s*[:=]?\s*[1-5]\d{2}\b|\([1-5]\d{2}\))|(?<![\w<]|[a-z]-)[-+]?\d+(?:[.,]\d+)?(?=(?:ms|s|secs?|seconds|m|mins?|minutes|h|hours?|[kmg]?b)?(?![\w>]))/gi;

export function incidentSignature(errorString: string): string {
  // Masked first, so a secret can never reach a signature, whoever calls this.
  let text = maskText(errorString.slice(0, SIGNATURE_SOURCE_CHARS).normalize("NFKC"));
  for (const [pattern, placeholder] of VOLATILE_PARTS) text = text.replace(pattern, placeholder);
  text = text.replace(NUMBER_OR_NAMED_STATUS, (match, namedStatus?: string) =>
    namedStatus ? match : "<n>",
  );
  return text.replace(/\s+/g, " ").trim().toLowerCase().slice(0, MAX_SIGNATURE_LENGTH);
}
