import { redirect } from "next/navigation";
import { requirePermission } from "@/lib/auth/session";

export default async function AdminPage() {
  await requirePermission("users.manage");
  redirect("/admin/users");
}
