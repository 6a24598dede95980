// The four kinds of user (DESIGN.md, "Users and what each does").
import { z } from "zod";

export const ROLES = ["sre", "support_lead", "manager", "admin"] as const;
export const roleSchema = z.enum(ROLES, {
  error: "role must be one of sre, support_lead, manager, admin",
});
export type Role = z.infer<typeof roleSchema>;

export const ROLE_LABELS: Record<Role, string> = {
  sre: "SRE",
  support_lead: "Support lead",
  manager: "Manager",
  admin: "Admin",
};
