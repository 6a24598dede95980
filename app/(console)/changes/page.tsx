import type { Metadata } from "next";
import Link from "next/link";
import { ChangeFilters } from "@/components/change-filters";
import { ChangeImportForm } from "@/components/change-import-form";
import { ChangeTable } from "@/components/change-table";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { can } from "@/lib/auth/policy";
import { requirePermission } from "@/lib/auth/session";
import {
  CHANGE_KIND_LABELS,
  CHANGE_SOURCE_LABELS,
  changeKindLabel,
  changeListHref,
  changeSourceLabel,
  parseChangeListQuery,
} from "@/lib/changes/schema";
import { listChanges, listChangeTenants } from "@/lib/changes/store";
import { ENVIRONMENTS } from "@/lib/incidents/schema";
import { searchParamsToObject } from "@/lib/incidents/list-query";
import { importVendorAuditAction } from "./actions";

export const metadata: Metadata = { title: "Changes" };

const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

export default async function ChangesPage({ searchParams }: PageProps<"/changes">) {
  const user = await requirePermission("change.read");
  const { query, errors } = parseChangeListQuery(searchParamsToObject(await searchParams));
  const [{ rows, total, pageSize }, tenants] = await Promise.all([
    listChanges(query),
    listChangeTenants(),
  ]);
  const writable = can(user, "change.write");
  const filtered = Boolean(
    query.environment || query.kind || query.source || query.tenant || query.from || query.to,
  );

  return (
    <>
      <PageHeader
        title="Changes"
        actions={
          writable ? (
            <Link
              href="/changes/new"
              className="rounded-md bg-blue-700 px-3 py-2 text-sm font-medium text-white hover:bg-blue-800"
            >
              Record a change
            </Link>
          ) : null
        }
      >
        SDK bumps, version pins, key rotations, scope and policy changes: what changed before things
        broke.
      </PageHeader>

      {writable ? (
        <section
          aria-labelledby="import-heading"
          className="no-print mb-6 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
        >
          <h2 id="import-heading" className="mb-1 font-semibold">
            Vendor audit log
          </h2>
          <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
            Key rotations, scope changes, relinks and policy changes from the vendor&apos;s console.
            Importing again adds only what is new.
          </p>
          <div className="flex flex-wrap gap-6">
            {ENVIRONMENTS.map((environment) => (
              <ChangeImportForm
                key={environment}
                environment={environment}
                action={importVendorAuditAction}
              />
            ))}
          </div>
        </section>
      ) : null}

      {Object.keys(errors).length ? (
        <div
          role="alert"
          className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200"
        >
          Some filters were ignored: {Object.values(errors).join("; ")}.
        </div>
      ) : null}

      <ChangeFilters
        values={query}
        kinds={options(CHANGE_KIND_LABELS)}
        sources={options(CHANGE_SOURCE_LABELS)}
        tenants={tenants}
      />

      {total === 0 ? (
        <EmptyState title={filtered ? "No changes match these filters" : "No changes recorded yet"}>
          {filtered
            ? "Try a wider date range or clear the filters."
            : writable
              ? "Record one, or import the vendor's audit log."
              : "SREs record changes and import the vendor's audit log."}
        </EmptyState>
      ) : (
        <>
          <ChangeTable
            rows={rows.map((row) => ({
              ...row,
              kindLabel: changeKindLabel(row.kind),
              sourceLabel: changeSourceLabel(row.source),
            }))}
          />
          <Pagination
            page={query.page}
            pageSize={pageSize}
            total={total}
            hrefForPage={(page) => changeListHref(query, { page })}
          />
        </>
      )}
    </>
  );
}
