"use client";
import { useState } from "react";
import type { CheckResult } from "@/lib/diagnosis/check";
import type { Diagnosis, TreeNodeState } from "@/lib/diagnosis/rank-causes";
import { CAUSE_LABELS, TREE_BRANCHES, type CauseId } from "@/lib/diagnosis/taxonomy";

const STATE_FILL: Record<TreeNodeState, string> = {
  confirmed: "fill-red-100 stroke-red-600 dark:fill-red-950",
  suspect: "fill-amber-100 stroke-amber-600 dark:fill-amber-950",
  ruled_out: "fill-emerald-50 stroke-emerald-600 dark:fill-emerald-950",
  unknown: "fill-slate-100 stroke-slate-400 dark:fill-slate-800",
};
// The same states as chips, for the list that replaces the drawing on narrow screens.
const STATE_CHIP: Record<TreeNodeState, string> = {
  confirmed: "border-red-600 bg-red-100 dark:bg-red-950",
  suspect: "border-amber-600 bg-amber-100 dark:bg-amber-950",
  ruled_out: "border-emerald-600 bg-emerald-50 dark:bg-emerald-950",
  unknown: "border-slate-400 bg-slate-100 dark:bg-slate-800",
};
const WIDTH = 980;
const BRANCH_Y = 90;
const LEAF_Y = 190;
const NODE_W = 124;
const NODE_H = 36;

type Node = { id: string; label: string; x: number; y: number };

function layout() {
  const column = WIDTH / TREE_BRANCHES.length;
  const branches: Node[] = TREE_BRANCHES.map((branch, index) => ({
    id: branch.id,
    label: `${branch.number}. ${branch.label}`,
    x: column * index + column / 2,
    y: BRANCH_Y,
  }));
  const leaves: Array<Node & { parent: string }> = TREE_BRANCHES.flatMap((branch, index) =>
    branch.causes.map((cause, leaf) => ({
      id: cause,
      parent: branch.id,
      label: CAUSE_LABELS[cause],
      x: column * index + column / 2,
      y: LEAF_Y + leaf * (NODE_H + 14),
    })),
  );
  return { root: { id: "root", label: "Incident", x: WIDTH / 2, y: 24 }, branches, leaves };
}

export function DecisionTree({
  diagnosis,
  results,
}: {
  diagnosis: Diagnosis;
  results: CheckResult[];
}) {
  const [selected, setSelected] = useState<string>(diagnosis.ranked[0]?.cause ?? "root");
  const { root, branches, leaves } = layout();
  const onPath = new Set(diagnosis.path);
  const edge = (from: Node, to: Node) => {
    const highlighted = onPath.has(from.id) && onPath.has(to.id);
    return (
      <line
        key={`${from.id}-${to.id}`}
        x1={from.x}
        y1={from.y + NODE_H / 2}
        x2={to.x}
        y2={to.y - NODE_H / 2}
        className={highlighted ? "stroke-blue-600" : "stroke-slate-300 dark:stroke-slate-600"}
        strokeWidth={highlighted ? 3 : 1}
      />
    );
  };
  const box = (node: Node, state: TreeNodeState) => (
    <g
      key={node.id}
      role="button"
      tabIndex={0}
      aria-label={`${node.label}: ${state.replace("_", " ")}`}
      aria-pressed={selected === node.id}
      onClick={() => setSelected(node.id)}
      onKeyDown={(event) => (event.key === "Enter" || event.key === " ") && setSelected(node.id)}
      className="cursor-pointer"
    >
      <rect
        x={node.x - NODE_W / 2}
        y={node.y - NODE_H / 2}
        width={NODE_W}
        height={NODE_H}
        rx={6}
        className={`${STATE_FILL[state]} ${selected === node.id ? "stroke-[3]" : onPath.has(node.id) ? "stroke-2" : ""}`}
      />
      <text
        x={node.x}
        y={node.y + 4}
        textAnchor="middle"
        className="fill-slate-900 text-[11px] dark:fill-slate-100"
      >
        {node.label}
      </text>
    </g>
  );
  const chip = (node: Node, state: TreeNodeState) => (
    <button
      type="button"
      aria-label={`${node.label}: ${state.replace("_", " ")}`}
      aria-pressed={selected === node.id}
      onClick={() => setSelected(node.id)}
      className={`my-0.5 flex w-full items-center justify-between gap-2 rounded-md border px-2 py-1 text-left text-sm ${STATE_CHIP[state]} ${selected === node.id ? "border-[3px]" : onPath.has(node.id) ? "border-2" : ""}`}
    >
      <span>{node.label}</span>
      <span className="text-xs text-slate-600 dark:text-slate-300">{state.replace("_", " ")}</span>
    </button>
  );
  const selectedCauses: CauseId[] = (TREE_BRANCHES.find((branch) => branch.id === selected)
    ?.causes ?? (selected in CAUSE_LABELS ? [selected as CauseId] : [])) as CauseId[];
  const ranked = diagnosis.ranked.filter((entry) => selectedCauses.includes(entry.cause));
  const checks = results.filter((result) =>
    result.causes.some((cause) => selectedCauses.includes(cause)),
  );
  return (
    <figure aria-label="Decision tree">
      {/* Scaled to a phone's width the drawing's labels shrink to about 4 px: below lg the
          tree is an indented list instead. */}
      <ul
        className="lg:hidden"
        aria-label="Decision tree as a list; the path the evidence took has thicker borders"
      >
        <li>
          {chip(root, "unknown")}
          <ul className="ml-4">
            {branches.map((branch) => (
              <li key={branch.id}>
                {chip(branch, diagnosis.nodes[branch.id] ?? "unknown")}
                <ul className="ml-4">
                  {leaves
                    .filter((leaf) => leaf.parent === branch.id)
                    .map((leaf) => (
                      <li key={leaf.id}>{chip(leaf, diagnosis.nodes[leaf.id] ?? "unknown")}</li>
                    ))}
                </ul>
              </li>
            ))}
          </ul>
        </li>
      </ul>
      <svg
        viewBox={`0 0 ${WIDTH} ${LEAF_Y + 3 * (NODE_H + 14)}`}
        className="hidden w-full lg:block"
        role="group"
        aria-label="Seven-cause decision tree; the highlighted path is the one the evidence took"
      >
        {branches.map((branch) => edge(root, branch))}
        {leaves.map((leaf) =>
          edge(
            branches.find((branch) => branch.id === leaf.parent)!,
            leaf,
          ),
        )}
        {box(root, "unknown")}
        {branches.map((branch) => box(branch, diagnosis.nodes[branch.id] ?? "unknown"))}
        {leaves.map((leaf) => box(leaf, diagnosis.nodes[leaf.id] ?? "unknown"))}
      </svg>
      <figcaption className="mt-3 rounded-md border border-slate-200 p-3 text-sm dark:border-slate-700">
        {selectedCauses.length === 0 ? (
          <p>Select a branch or a cause to see its evidence.</p>
        ) : (
          <>
            {ranked.map((entry) => (
              <div key={entry.cause} className="mb-2">
                <p className="font-medium">
                  {entry.label}: {(entry.confidence * 100).toFixed(0)}%
                </p>
                <ul className="list-disc pl-5">
                  {entry.evidence
                    .filter((item) => item.source !== "classifier" || Math.abs(item.weight) > 0)
                    .slice(0, 6)
                    .map((item, index) => (
                      <li key={index}>
                        <span className="font-mono text-xs">{item.source}</span>{" "}
                        {item.weight > 0 ? "+" : ""}
                        {item.weight.toFixed(1)}: {item.why}
                      </li>
                    ))}
                </ul>
              </div>
            ))}
            <p className="mt-2 font-medium">Checks here</p>
            <ul className="list-disc pl-5">
              {checks.map((check) => (
                <li key={check.checkId}>
                  {check.label}: <span className="font-medium">{check.outcome}</span>:{" "}
                  {check.summary}
                </li>
              ))}
            </ul>
          </>
        )}
      </figcaption>
    </figure>
  );
}
