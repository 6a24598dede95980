import type { IncomingMessage, RequestListener, Server } from "node:http";

/** Stamps the connection's peer over any client copy; drops forwarded headers unless trusted. */
export function stampRequest(request: IncomingMessage): void;

/** The front server around Next's request handler. */
export function createFrontServer(handle: RequestListener): Server;
