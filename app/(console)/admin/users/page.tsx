import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { SimpleTable } from "@/components/simple-table";
import { NewUserForm } from "@/components/user-admin-forms";
import { UserStatusBadge } from "@/components/user-status-badge";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { listUsers } from "@/lib/users/store";
import { createUserAction } from "./actions";
import { utcMinutes } from "@/lib/format/time";

export const metadata: Metadata = { title: "Users" };

const utc = (date: Date | null) => (date ? utcMinutes(date) : "—");
const section =
  "rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900";

export default async function UsersPage() {
  await requirePermission("users.manage");
  const users = await listUsers();
  return (
    <div className="space-y-6">
      <PageHeader title="Users">
        Who may sign in, with which role. Every change here is audited.
      </PageHeader>
      <section aria-labelledby="add-user" className={section}>
        <h2 id="add-user" className="mb-3 font-semibold">
          Add a user
        </h2>
        <NewUserForm action={createUserAction} />
      </section>
      <SimpleTable
        caption="Users"
        columns={["Name", "Email", "Role", "Status", "Last sign-in"]}
        rows={users.map((user) => [
          <Link
            key="n"
            href={`/admin/users/${user.id}`}
            className="text-blue-700 hover:underline dark:text-blue-400"
          >
            {user.name}
          </Link>,
          user.email,
          ROLE_LABELS[user.role],
          <UserStatusBadge key="s" status={user.status} />,
          utc(user.lastSignInAt),
        ])}
      />
    </div>
  );
}
