// The vendor's request log: every request that reached it, searchable by correlation id, with
// secrets masked (only headers known to be harmless are shown as sent). Bounded: the oldest
// entries fall off. Entries are stored compactly and masked when read: the log is written on every
// request and read rarely.
import { isHarmlessHeader, maskHeaders, maskSecret } from "../security/secrets";

export type RequestLogEntry = {
  at: string;
  environment: string;
  method: string;
  path: string;
  status: number;
  latencyMs: number;
  correlationId: string;
  tenant: string | null;
  accountId: string | null;
  errorCode: string | null;
  requestHeaders: Record<string, string>;
  responseHeaders: Record<string, string>;
  /** Set for the Smartcar face's requests only: which face, and what Smartcar would name. */
  face?: "smartcar";
  vehicleId?: string | null;
  userId?: string | null;
  errorType?: string | null;
};

/** A request URL without its query string: what an entry's `path` holds. */
export function pathOf(url: string): string {
  const query = url.indexOf("?");
  return query === -1 ? url : url.slice(0, query);
}

type RawHeaders = Record<string, string | string[] | number | undefined>;
export type RequestLogRecord = Omit<
  RequestLogEntry,
  "at" | "requestHeaders" | "responseHeaders"
> & {
  atMs: number;
  requestHeaders: RawHeaders;
  responseHeaders: RawHeaders;
};

type Extra = Pick<RequestLogEntry, "face" | "vehicleId" | "userId" | "errorType">;

// Headers are kept as one flat string ("name\nvalue\n..."; a header value cannot hold a line
// break): a log of 20,000 entries then holds a few strings per entry instead of two header
// objects with a string per field, which is what made every request cost garbage-collection
// time. A repeated header is joined with ", ", as maskHeaders shows it anyway. A header shown
// masked is masked here already (maskSecret gives the same answer twice), so a bearer token or
// key is never held by the log, and the entry stays small.
function packHeaders(headers: RawHeaders): string {
  const parts: string[] = [];
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(", ") : String(value);
    parts.push(name, isHarmlessHeader(name) ? text : maskSecret(text));
  }
  return parts.join("\n");
}

function unpackHeaders(packed: string): Record<string, string> {
  const headers: Record<string, string> = {};
  if (packed === "") return headers;
  const parts = packed.split("\n");
  for (let index = 0; index + 1 < parts.length; index += 2)
    headers[parts[index]!] = parts[index + 1]!;
  return headers;
}

export class RequestLog {
  // One column per field, written in place: adding an entry allocates no record of its own.
  #size = 0;
  #next = 0;
  readonly #atMs: Float64Array;
  readonly #status: Uint16Array;
  readonly #latencyMs: Float64Array;
  readonly #environment: string[];
  readonly #method: string[];
  readonly #path: string[];
  readonly #correlationId: string[];
  readonly #tenant: Array<string | null>;
  readonly #accountId: Array<string | null>;
  readonly #errorCode: Array<string | null>;
  readonly #requestHeaders: string[];
  readonly #responseHeaders: string[];
  readonly #extra: Array<Extra | null>;

  constructor(readonly capacity = 20_000) {
    this.#atMs = new Float64Array(capacity);
    this.#status = new Uint16Array(capacity);
    this.#latencyMs = new Float64Array(capacity);
    this.#environment = new Array<string>(capacity).fill("");
    this.#method = new Array<string>(capacity).fill("");
    this.#path = new Array<string>(capacity).fill("");
    this.#correlationId = new Array<string>(capacity).fill("");
    this.#tenant = new Array<string | null>(capacity).fill(null);
    this.#accountId = new Array<string | null>(capacity).fill(null);
    this.#errorCode = new Array<string | null>(capacity).fill(null);
    this.#requestHeaders = new Array<string>(capacity).fill("");
    this.#responseHeaders = new Array<string>(capacity).fill("");
    this.#extra = new Array<Extra | null>(capacity).fill(null);
  }

  get size(): number {
    return this.#size;
  }

  add(entry: RequestLogRecord): void {
    const slot = this.#next;
    this.#atMs[slot] = entry.atMs;
    this.#status[slot] = entry.status;
    this.#latencyMs[slot] = entry.latencyMs;
    this.#environment[slot] = entry.environment;
    this.#method[slot] = entry.method;
    this.#path[slot] = entry.path;
    this.#correlationId[slot] = entry.correlationId;
    this.#tenant[slot] = entry.tenant;
    this.#accountId[slot] = entry.accountId;
    this.#errorCode[slot] = entry.errorCode;
    this.#requestHeaders[slot] = packHeaders(entry.requestHeaders);
    this.#responseHeaders[slot] = packHeaders(entry.responseHeaders);
    this.#extra[slot] = entry.face
      ? {
          face: entry.face,
          vehicleId: entry.vehicleId ?? null,
          userId: entry.userId ?? null,
          errorType: entry.errorType ?? null,
        }
      : null;
    this.#next = (slot + 1) % this.capacity;
    if (this.#size < this.capacity) this.#size++;
  }

  // Masked when read: the log is written on every request and read rarely.
  #present(slot: number): RequestLogEntry {
    return {
      at: new Date(this.#atMs[slot]!).toISOString(),
      environment: this.#environment[slot]!,
      method: this.#method[slot]!,
      path: this.#path[slot]!,
      status: this.#status[slot]!,
      // Writers store the raw measurement; it is rounded here.
      latencyMs: Number(this.#latencyMs[slot]!.toFixed(2)),
      correlationId: this.#correlationId[slot]!,
      tenant: this.#tenant[slot]!,
      accountId: this.#accountId[slot]!,
      errorCode: this.#errorCode[slot]!,
      requestHeaders: maskHeaders(unpackHeaders(this.#requestHeaders[slot]!)),
      responseHeaders: maskHeaders(unpackHeaders(this.#responseHeaders[slot]!)),
      ...this.#extra[slot],
    };
  }

  /** Newest first. */
  search(filter: {
    correlationId?: string;
    tenant?: string;
    since?: Date;
    until?: Date;
    face?: "smartcar";
    vehicleId?: string;
    limit: number;
  }): RequestLogEntry[] {
    const found: RequestLogEntry[] = [];
    const size = this.#size;
    for (let offset = 1; offset <= size && found.length < filter.limit; offset++) {
      const slot = (this.#next - offset + this.capacity) % this.capacity;
      if (filter.correlationId && this.#correlationId[slot] !== filter.correlationId) continue;
      if (filter.tenant && this.#tenant[slot] !== filter.tenant) continue;
      const atMs = this.#atMs[slot]!;
      if (filter.since && atMs < filter.since.getTime()) continue;
      if (filter.until && atMs > filter.until.getTime()) continue;
      const extra = this.#extra[slot];
      if (filter.face && extra?.face !== filter.face) continue;
      if (filter.vehicleId && extra?.vehicleId !== filter.vehicleId) continue;
      found.push(this.#present(slot));
    }
    return found;
  }

  clear(): void {
    this.#size = 0;
    this.#next = 0;
    // Let go of what the old entries held.
    this.#requestHeaders.fill("");
    this.#responseHeaders.fill("");
    this.#extra.fill(null);
  }
}
