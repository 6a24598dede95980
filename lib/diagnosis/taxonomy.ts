// The cause taxonomy (DESIGN.md, a contract): ten cause ids grouped under the seven branches
// of the decision tree, in the order an on-caller rules them out.

export const CAUSE_IDS = [
  "subscription_inactive",
  "account_auth",
  "missing_scope",
  "vehicle_not_linked",
  "app_version",
  "vehicle_connectivity",
  "phone_network",
  "server_outage",
  "rate_limited",
  "region_unavailable",
] as const;
export type CauseId = (typeof CAUSE_IDS)[number];

export type TreeBranch = { id: string; number: number; label: string; causes: readonly CauseId[] };

export const TREE_BRANCHES: readonly TreeBranch[] = [
  { id: "subscription", number: 1, label: "Subscription", causes: ["subscription_inactive"] },
  { id: "login", number: 2, label: "Login / account", causes: ["account_auth", "missing_scope"] },
  { id: "vehicle_link", number: 3, label: "Vehicle link", causes: ["vehicle_not_linked"] },
  { id: "app_software", number: 4, label: "App software", causes: ["app_version"] },
  {
    id: "vehicle_connectivity",
    number: 5,
    label: "Vehicle connectivity",
    causes: ["vehicle_connectivity"],
  },
  { id: "phone_network", number: 6, label: "Phone network", causes: ["phone_network"] },
  {
    id: "server_side",
    number: 7,
    label: "Server side",
    causes: ["server_outage", "rate_limited", "region_unavailable"],
  },
];

export const CAUSE_LABELS: Record<CauseId, string> = {
  subscription_inactive: "Subscription inactive",
  account_auth: "Login or token",
  missing_scope: "Missing OAuth scope",
  vehicle_not_linked: "Vehicle not linked",
  app_version: "App or API version",
  vehicle_connectivity: "Vehicle connectivity",
  phone_network: "Caller's network",
  server_outage: "Vendor outage",
  rate_limited: "Rate limit or quota",
  region_unavailable: "Not offered in region",
};

export function branchOf(cause: CauseId): TreeBranch {
  return TREE_BRANCHES.find((branch) => branch.causes.includes(cause))!;
}
