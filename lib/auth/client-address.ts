// The address a request came from, as the sign-in throttle counts it. Today this trusts the
// first X-Forwarded-For entry as sent; issue 15 item 7 replaces it with a trusted-proxy rule.
export function clientAddress(headers: Headers): string {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "local";
}
