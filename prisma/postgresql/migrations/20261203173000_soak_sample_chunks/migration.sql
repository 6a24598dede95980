-- Soak samples move from a row each to rows of up to 500 in the order written (SoakSampleChunk
-- in schema.prisma): a row per sample cost the runner a quarter of its throughput. Samples
-- already stored are carried over in order, each as the JSON array lib/load/sample-chunk.ts
-- reads: sentAt (ms since the epoch), second, step, attempt, status, latencyMs, correlationId,
-- rateLimitRemaining, retryAfterS, rateLimitReset, errorKind.
-- CreateTable
CREATE TABLE "SoakSampleChunk" (
    "id" SERIAL NOT NULL,
    "runId" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "samples" TEXT NOT NULL,

    CONSTRAINT "SoakSampleChunk_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SoakSampleChunk_runId_id_idx" ON "SoakSampleChunk"("runId", "id");

-- AddForeignKey
ALTER TABLE "SoakSampleChunk" ADD CONSTRAINT "SoakSampleChunk_runId_fkey" FOREIGN KEY ("runId") REFERENCES "SoakRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CopySamples
INSERT INTO "SoakSampleChunk" ("runId", "count", "samples")
SELECT "runId", count(*), json_agg("sample" ORDER BY "id")::text
FROM (
    SELECT "runId", "id",
        (row_number() OVER (PARTITION BY "runId" ORDER BY "id") - 1) / 500 AS "chunk",
        json_build_array(
            round(extract(epoch FROM "sentAt") * 1000)::bigint, "second", "step", "attempt",
            "status", "latencyMs", "correlationId", "rateLimitRemaining", "retryAfterS",
            "rateLimitReset", "errorKind"
        ) AS "sample"
    FROM "SoakSample"
) AS "numbered"
GROUP BY "runId", "chunk"
ORDER BY "runId", "chunk";

-- DropTable
DROP TABLE "SoakSample";
