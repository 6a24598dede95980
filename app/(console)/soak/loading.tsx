import { LoadingRows } from "@/components/loading-rows";

export default function Loading() {
  return <LoadingRows label="Loading soak runs" rows={8} />;
}
