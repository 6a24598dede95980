import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AuditTrail } from "@/components/audit-trail";
import { DefinitionList } from "@/components/definition-list";
import { PageHeader } from "@/components/page-header";
import {
  InviteLinkForm,
  UserDisableForm,
  UserPasswordForm,
  UserRoleForm,
} from "@/components/user-admin-forms";
import { UserStatusBadge } from "@/components/user-status-badge";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { getUser, userHistory } from "@/lib/users/store";
import { inviteUserAction, updateUserAction } from "../actions";
import { utcMinutes } from "@/lib/format/time";

export const metadata: Metadata = { title: "User" };

const utc = (date: Date | null) => (date ? utcMinutes(date) : "never");
const section =
  "space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900";

export default async function UserPage({ params }: PageProps<"/admin/users/[id]">) {
  await requirePermission("users.manage");
  const { id } = await params;
  const [user, history] = await Promise.all([getUser(id), userHistory(id)]);
  if (!user) notFound();
  const update = updateUserAction.bind(null, id);
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title={user.name}>
        <Link href="/admin/users" className="underline">
          All users
        </Link>
      </PageHeader>
      <DefinitionList
        items={[
          ["Email", user.email],
          ["Role", ROLE_LABELS[user.role]],
          ["Status", <UserStatusBadge key="s" status={user.status} />],
          ["Last sign-in", utc(user.lastSignInAt)],
          ["Added", utc(user.createdAt)],
        ]}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <section aria-label="Role" className={section}>
          <UserRoleForm action={update} role={user.role} />
        </section>
        <section aria-label="Access" className={section}>
          <UserDisableForm action={update} disabled={user.status === "disabled"} />
        </section>
        <section aria-label="Password" className={section}>
          <UserPasswordForm action={update} />
        </section>
        {user.status === "disabled" ? null : (
          <section aria-label="Invite link" className={section}>
            <p className="text-sm text-slate-600 dark:text-slate-400">
              A one-time link lets the user choose a password (valid 72 hours); earlier links stop
              working.
            </p>
            <InviteLinkForm action={inviteUserAction.bind(null, id)} />
          </section>
        )}
      </div>
      <section aria-labelledby="history" className={section}>
        <h2 id="history" className="font-semibold">
          History
        </h2>
        <AuditTrail items={history} />
      </section>
    </div>
  );
}
