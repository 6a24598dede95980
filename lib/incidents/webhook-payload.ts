// What an incident's outbound webhook events say about it: the same fields and a link for every
// event, and a Slack line such as `Ana acknowledged sev2 incident “Couldn't pair” (<link|open>)`.
import type { Incident } from "@/lib/db/generated/client";

type Described = Pick<Incident, "id" | "title" | "severity" | "status" | "environment" | "tenant">;

/**
 * The incident page's address. PITSTOP_PUBLIC_URL (e.g. https://pitstop.example.com) makes it
 * absolute so a chat message links back; without it receivers get the path alone.
 */
export function incidentLink(id: string): string {
  const base = (process.env.PITSTOP_PUBLIC_URL ?? "").replace(/\/+$/, "");
  return `${base}/incidents/${encodeURIComponent(id)}`;
}

export function incidentEventData(incident: Described, extra: Record<string, unknown> = {}) {
  return {
    incident: {
      id: incident.id,
      title: incident.title,
      severity: incident.severity,
      status: incident.status,
      environment: incident.environment,
      tenant: incident.tenant,
      url: incidentLink(incident.id),
    },
    ...extra,
  };
}

// Slack reads <, > and & as markup in text; the title is the reporter's free text.
const slackEscape = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** "<who> <did> sev2 incident “<title>” (<link|open>)<after>". */
export function incidentEventText(
  who: string,
  did: string,
  incident: Described,
  after = "",
): string {
  return `${slackEscape(who)} ${did} ${incident.severity} incident “${slackEscape(incident.title)}” (<${incidentLink(incident.id)}|open>)${after ? ` ${slackEscape(after)}` : ""}`;
}
