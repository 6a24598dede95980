// The four kinds of user (DESIGN.md, "Users and what each does") and what the console calls
// them. No imports: client components (the user and token forms) list roles without pulling
// zod into the browser; roles.ts adds the schema.
export const ROLES = ["sre", "support_lead", "manager", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  sre: "SRE",
  support_lead: "Support lead",
  manager: "Manager",
  admin: "Admin",
};
