import type { Metadata } from "next";
import { ActionError } from "@/components/action-error";
import { ApiTokenForm } from "@/components/api-token-form";
import { PageHeader } from "@/components/page-header";
import { SimpleTable } from "@/components/simple-table";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { createTokenAction, revokeTokenAction } from "./actions";
import { utcMinutes } from "@/lib/format/time";

export const metadata: Metadata = { title: "API tokens" };

const utc = (date: Date | null, none = "—") => (date ? utcMinutes(date) : none);
const section =
  "rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900";

export default async function ApiTokensPage({ searchParams }: PageProps<"/admin/tokens">) {
  await requirePermission("tokens.manage");
  const [tokens, { error }] = await Promise.all([listApiTokens(), searchParams]);
  return (
    <div className="space-y-6">
      <PageHeader title="API tokens">
        Bearer tokens for <code>/api/v1</code>. Each acts with its role; an expired or revoked token
        is refused with 401.
      </PageHeader>
      <ActionError error={error} />
      <section aria-labelledby="new-token" className={section}>
        <h2 id="new-token" className="mb-3 font-semibold">
          Create a token
        </h2>
        <ApiTokenForm action={createTokenAction} />
      </section>
      <SimpleTable
        caption="API tokens"
        columns={["Name", "Prefix", "Role", "Created", "Last use", "Expires", "State", "Actions"]}
        rows={tokens.map((token) => [
          token.name,
          <code key="p">pst_{token.prefix}_…</code>,
          ROLE_LABELS[token.role],
          `${utc(token.createdAt)}${token.createdByName ? ` by ${token.createdByName}` : ""}`,
          utc(token.lastUsedAt, "never"),
          utc(token.expiresAt, "never"),
          token.state,
          token.state === "revoked" ? null : (
            <form key="r" action={revokeTokenAction.bind(null, token.id)}>
              <button
                type="submit"
                aria-label={`Revoke ${token.name}`}
                className="rounded-md border border-red-300 px-2 py-1 text-xs text-red-800 hover:bg-red-50 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950"
              >
                Revoke
              </button>
            </form>
          ),
        ])}
      />
    </div>
  );
}
