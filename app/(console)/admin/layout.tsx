import { AdminTabs } from "@/components/admin-tabs";
import { can } from "@/lib/auth/policy";
import { requireUser } from "@/lib/auth/session";

// Tabs only, and only for admins: each admin page asks the policy for its own action.
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <>
      {can(user, "users.manage") ? <AdminTabs /> : null}
      {children}
    </>
  );
}
