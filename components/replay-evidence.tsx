"use client";
// The replay check's result as an on-caller reads it: reproduced or not (never claimed without
// a match), the original call and outcome beside the replay's, and each exchange's curl -v
// reproduction with a copy button.
import { useState } from "react";
import type { CheckResult } from "@/lib/diagnosis/check";

type Exchange = {
  request: { method: string; url: string };
  response: { status: number; body: unknown } | null;
  failure: { kind: string } | null;
};
type ReplayEvidenceShape = {
  mode?: "replay" | "validation";
  verdict?: "reproduced" | "different_outcome" | "not_comparable" | "validation";
  original?: {
    method: string;
    path: string;
    status: number | null;
    vendorCode: string | null;
    source: string;
  };
  replays?: Array<{
    environment: string;
    exchange: Exchange | null;
    curl: string | null;
    problem: string | null;
  }>;
  command?: { status: string; failureCode: string | null } | null;
};

const VERDICT_LABELS: Record<NonNullable<ReplayEvidenceShape["verdict"]>, string> = {
  reproduced: "Reproduced",
  different_outcome: "Different outcome",
  not_comparable: "Not comparable (the original outcome is unknown)",
  validation: "Read-only validation (the write was not replayed)",
};

function CopyButton({ text, what }: { text: string; what: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      onClick={async () => {
        await navigator.clipboard?.writeText(text);
        setCopied(true);
      }}
      className="rounded border border-slate-300 px-2 py-0.5 text-xs dark:border-slate-700"
    >
      {copied ? "Copied" : "Copy"}
      <span className="sr-only"> {what}</span>
    </button>
  );
}

const answer = (exchange: Exchange | null) =>
  !exchange
    ? "not sent"
    : exchange.response
      ? `${exchange.response.status}${
          (exchange.response.body as { code?: string } | null)?.code
            ? ` ${(exchange.response.body as { code: string }).code}`
            : ""
        }`
      : `no answer (${exchange.failure?.kind ?? "unknown"})`;

export function ReplayEvidence({ result }: { result: CheckResult | undefined }) {
  if (!result) return null;
  const evidence = result.evidence as ReplayEvidenceShape;
  return (
    <section aria-labelledby="replay-heading" className="mt-4 text-sm">
      <h3 id="replay-heading" className="font-medium">
        Replay
      </h3>
      {evidence.verdict ? (
        <p className="font-semibold">{VERDICT_LABELS[evidence.verdict]}</p>
      ) : null}
      <p>{result.summary}</p>
      {evidence.original ? (
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3">
          <dt className="text-slate-600 dark:text-slate-400">Original</dt>
          <dd>
            {evidence.original.method} {evidence.original.path} →{" "}
            {evidence.original.status ?? "status unknown"}
            {evidence.original.vendorCode ? ` ${evidence.original.vendorCode}` : ""} (from the{" "}
            {evidence.original.source})
          </dd>
          {evidence.command ? (
            <>
              <dt className="text-slate-600 dark:text-slate-400">Command</dt>
              <dd>
                ended {evidence.command.status}
                {evidence.command.failureCode ? ` (${evidence.command.failureCode})` : ""}
              </dd>
            </>
          ) : null}
        </dl>
      ) : null}
      <ul className="mt-2 space-y-3">
        {(evidence.replays ?? []).map((replay, index) => (
          <li key={index}>
            <p>
              {replay.environment}: {replay.exchange?.request.method}{" "}
              {replay.exchange ? new URL(replay.exchange.request.url).pathname : ""} →{" "}
              {replay.problem ?? answer(replay.exchange)}
            </p>
            {replay.curl ? (
              <div className="mt-1 flex items-start gap-2">
                <pre className="flex-1 overflow-x-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-800">
                  {replay.curl}
                </pre>
                <CopyButton
                  text={replay.curl}
                  what={`the curl command for ${replay.environment}`}
                />
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
