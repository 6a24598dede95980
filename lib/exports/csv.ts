// CSV as RFC 4180 writes it: comma-separated, CRLF line ends, a field quoted when it holds a
// comma, quote, CR or LF, with quotes doubled. Reviewed against csv-stringify (issue 16): it
// would take these same rules as options and still need the formula guard below as a cast, and
// every file here is a few thousand rows built in memory, so its streaming buys nothing; these
// lines and their tests stay. A field that a spreadsheet would run as a formula gets a leading
// apostrophe (OWASP's CSV-injection advice): these files are opened in Excel.
export type CsvValue = string | number | boolean | Date | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole file: the header line, then one line per row; no rows gives the header alone. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>): string {
  return [header, ...rows].map((row) => `${row.map(csvField).join(",")}\r\n`).join("");
}
