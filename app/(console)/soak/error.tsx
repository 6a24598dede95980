"use client";
import { ErrorPanel } from "@/components/error-panel";

export default function SoakError({ reset }: { error: Error; reset: () => void }) {
  return <ErrorPanel what="soak runs" reset={reset} />;
}
