// The vendor's request log: every request that reached it, searchable by correlation id, with
// secrets masked (only headers known to be harmless are shown as sent). Bounded: the oldest
// entries fall off. Entries are stored as they came and masked when read: the log is written on
// every request and read rarely.
import { maskHeaders } from "../security/secrets";

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

type RawHeaders = Record<string, string | string[] | number | undefined>;
export type RequestLogRecord = Omit<
  RequestLogEntry,
  "at" | "requestHeaders" | "responseHeaders"
> & {
  atMs: number;
  requestHeaders: RawHeaders;
  responseHeaders: RawHeaders;
};

const present = (record: RequestLogRecord): RequestLogEntry => {
  const { atMs, requestHeaders, responseHeaders, ...rest } = record;
  return {
    at: new Date(atMs).toISOString(),
    ...rest,
    // Writers store the raw measurement; it is rounded here, when read.
    latencyMs: Number(rest.latencyMs.toFixed(2)),
    requestHeaders: maskHeaders(requestHeaders),
    responseHeaders: maskHeaders(responseHeaders),
  };
};

export class RequestLog {
  #entries: RequestLogRecord[] = [];
  #next = 0;

  constructor(readonly capacity = 20_000) {}

  add(entry: RequestLogRecord): void {
    if (this.#entries.length < this.capacity) this.#entries.push(entry);
    else this.#entries[this.#next] = entry;
    this.#next = (this.#next + 1) % this.capacity;
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
    const size = this.#entries.length;
    for (let offset = 1; offset <= size && found.length < filter.limit; offset++) {
      const entry = this.#entries[(this.#next - offset + size) % size]!;
      if (filter.correlationId && entry.correlationId !== filter.correlationId) continue;
      if (filter.tenant && entry.tenant !== filter.tenant) continue;
      if (filter.since && entry.atMs < filter.since.getTime()) continue;
      if (filter.until && entry.atMs > filter.until.getTime()) continue;
      if (filter.face && entry.face !== filter.face) continue;
      if (filter.vehicleId && entry.vehicleId !== filter.vehicleId) continue;
      found.push(present(entry));
    }
    return found;
  }

  clear(): void {
    this.#entries = [];
    this.#next = 0;
  }
}
