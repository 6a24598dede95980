import type { IncomingMessage } from "node:http";

/** Stamps the connection's peer over any client copy; drops forwarded headers unless trusted. */
export function stampRequest(request: IncomingMessage): void;
