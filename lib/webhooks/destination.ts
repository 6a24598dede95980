// Where a webhook may send: http(s) only, never link-local or a cloud metadata service, and
// loopback or private networks only with PITSTOP_WEBHOOK_ALLOW_PRIVATE=1. Checked when a webhook
// is created and again on every send after DNS, on the very address the connection then uses.
import { lookup as systemLookup, type LookupAddress } from "node:dns";
import ipaddr from "ipaddr.js";

// Reachable only with the setting: an internal receiver is fine in a lab, not by default.
const PRIVATE_RANGES = new Set(["loopback", "private", "uniqueLocal", "carrierGradeNat"]);
// Cloud instance metadata services: credentials live there, whatever the setting says.
const METADATA_ADDRESSES = [
  "169.254.169.254", // AWS, GCP, Azure, OCI, DigitalOcean
  "169.254.170.2", // AWS ECS task metadata
  "fd00:ec2::254", // AWS over IPv6
  "100.100.100.200", // Alibaba Cloud
  "168.63.129.16", // Azure wire server
].map((address) => ipaddr.parse(address).toNormalizedString());
const METADATA_HOSTS = new Set([
  "metadata",
  "metadata.google.internal",
  "metadata.goog",
  "metadata.azure.com",
  "instance-data",
  "instance-data.ec2.internal",
]);

export const allowPrivateDestinations = () => process.env.PITSTOP_WEBHOOK_ALLOW_PRIVATE === "1";

/** What an address is when it may not receive webhooks ("a link-local address"), or null. */
export function refusedAddress(address: string, allowPrivate: boolean): string | null {
  if (!ipaddr.isValid(address)) return "not an IP address";
  // ::ffff:169.254.169.254 is the IPv4 address it wraps.
  const parsed = ipaddr.process(address);
  if (METADATA_ADDRESSES.includes(parsed.toNormalizedString())) return "a cloud metadata address";
  const range = parsed.range();
  if (range === "unicast") return null;
  if (range === "linkLocal") return "a link-local address";
  if (PRIVATE_RANGES.has(range))
    return allowPrivate
      ? null
      : `a ${range} address (set PITSTOP_WEBHOOK_ALLOW_PRIVATE=1 to allow loopback and private networks)`;
  return `a special-purpose (${range}) address`;
}

/** The URL's host without IPv6 brackets or a trailing dot, lower-cased by the URL parser. */
const bareHost = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "");

/**
 * What the URL itself says (scheme, credentials, a literal address, a metadata name), before
 * any DNS: why it is refused, or null.
 */
export function refusedUrl(
  value: string,
  allowPrivate = allowPrivateDestinations(),
): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "url must be an absolute http or https URL";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return `url must use http or https, not ${url.protocol.replace(/:$/, "")}`;
  if (url.username || url.password)
    return "url must not carry a user name or password (the secret signs each delivery)";
  const host = bareHost(url);
  if (METADATA_HOSTS.has(host)) return `url points at ${host}, a cloud metadata service`;
  if (ipaddr.isValid(host)) {
    const refused = refusedAddress(host, allowPrivate);
    return refused ? `url points at ${host}, ${refused}` : null;
  }
  return null;
}

/** dns.lookup's shape, so a test or an operator's resolver can stand in for the system's. */
export type Lookup = (
  hostname: string,
  options: { all: true },
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

const systemResolver: Lookup = (hostname, options, callback) =>
  systemLookup(hostname, options, callback);

export class RefusedDestinationError extends Error {
  readonly code = "EWEBHOOKDESTINATION";
  constructor(message: string) {
    super(message);
    this.name = "RefusedDestinationError";
  }
}

/** Every address the host resolves to, each one checked; any refused one refuses the host. */
export function resolveAllowed(
  hostname: string,
  { allowPrivate = allowPrivateDestinations(), lookup = systemResolver } = {},
): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => {
    lookup(hostname, { all: true }, (error, addresses) => {
      if (error) return reject(error);
      if (addresses.length === 0)
        return reject(new RefusedDestinationError(`${hostname} has no address`));
      for (const { address } of addresses) {
        const refused = refusedAddress(address, allowPrivate);
        if (refused)
          return reject(
            new RefusedDestinationError(`url host ${hostname} resolves to ${address}, ${refused}`),
          );
      }
      resolve(addresses);
    });
  });
}

/**
 * A `lookup` for net/tls.connect that answers only checked addresses: the socket connects to
 * what was checked, so a second DNS answer (rebinding) cannot swap in another address.
 */
export function checkedLookup(options: { allowPrivate?: boolean; lookup?: Lookup } = {}) {
  return (
    hostname: string,
    lookupOptions: { all?: boolean },
    callback: (
      error: NodeJS.ErrnoException | null,
      address: string | LookupAddress[],
      family?: number,
    ) => void,
  ) => {
    resolveAllowed(hostname, options).then(
      (addresses) =>
        lookupOptions.all
          ? callback(null, addresses)
          : callback(null, addresses[0]!.address, addresses[0]!.family),
      (error: NodeJS.ErrnoException) => callback(error, lookupOptions.all ? [] : ""),
    );
  };
}

/** The full check for a URL about to be saved: its own form, then where its host resolves. */
export async function destinationProblem(
  value: string,
  options: { allowPrivate?: boolean; lookup?: Lookup } = {},
): Promise<string | null> {
  const allowPrivate = options.allowPrivate ?? allowPrivateDestinations();
  const refused = refusedUrl(value, allowPrivate);
  if (refused) return refused;
  const host = bareHost(new URL(value));
  if (ipaddr.isValid(host)) return null;
  try {
    await resolveAllowed(host, { ...options, allowPrivate });
    return null;
  } catch (error) {
    if (error instanceof RefusedDestinationError) return error.message;
    return `url host ${host} does not resolve (${(error as NodeJS.ErrnoException).code ?? "DNS error"})`;
  }
}
