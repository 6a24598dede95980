import type { Metadata } from "next";
import Link from "next/link";
import { ActionError } from "@/components/action-error";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { SimpleTable } from "@/components/simple-table";
import { DeliveryStatusBadge } from "@/components/webhook-deliveries";
import { WebhookForm } from "@/components/webhook-form";
import { requirePermission } from "@/lib/auth/session";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/events";
import { listWebhooks } from "@/lib/webhooks/store";
import { createWebhookAction, disableWebhookAction } from "./actions";
import { utcSeconds } from "@/lib/format/time";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage({ searchParams }: PageProps<"/admin/webhooks">) {
  await requirePermission("webhooks.manage");
  const [{ error }, webhooks] = await Promise.all([searchParams, listWebhooks()]);
  return (
    <>
      <PageHeader title="Webhooks">
        Pitstop POSTs each event as signed JSON with a Slack-ready <code>text</code>, retrying with
        backoff; every attempt is logged.
      </PageHeader>
      <ActionError error={error} />

      <section
        aria-labelledby="new-webhook-heading"
        className="mb-6 max-w-3xl rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
      >
        <h2 id="new-webhook-heading" className="mb-3 font-semibold">
          New webhook
        </h2>
        <WebhookForm action={createWebhookAction} events={WEBHOOK_EVENTS} />
      </section>

      {webhooks.length === 0 ? (
        <EmptyState title="No webhooks yet">
          Create one to notify a chat channel or an on-call tool.
        </EmptyState>
      ) : (
        <SimpleTable
          caption="Webhooks"
          columns={["URL", "Events", "State", "Last delivery", "Created", ""]}
          rows={webhooks.map((webhook) => [
            <Link
              key="url"
              href={`/admin/webhooks/${webhook.id}`}
              className="break-all text-blue-700 underline dark:text-blue-400"
            >
              {webhook.url}
            </Link>,
            <span key="events" className="font-mono text-xs">
              {webhook.events.join(", ")}
            </span>,
            webhook.disabledAt ? `Disabled ${utcSeconds(webhook.disabledAt)}` : "Active",
            webhook.lastDelivery ? (
              <span key="last" className="flex flex-wrap items-center gap-1">
                <DeliveryStatusBadge status={webhook.lastDelivery.status} />
                <span className="font-mono text-xs">{webhook.lastDelivery.event}</span>
                {webhook.lastDelivery.lastStatus ? `HTTP ${webhook.lastDelivery.lastStatus}` : null}
              </span>
            ) : (
              "None yet"
            ),
            `${utcSeconds(webhook.createdAt)}${webhook.createdBy ? ` by ${webhook.createdBy}` : ""}`,
            webhook.disabledAt ? null : (
              <form key="disable" action={disableWebhookAction.bind(null, webhook.id)}>
                <button
                  type="submit"
                  aria-label={`Disable webhook ${webhook.url}`}
                  className="rounded-md border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
                >
                  Disable
                </button>
              </form>
            ),
          ])}
        />
      )}
    </>
  );
}
