-- Soak samples move from a row each to rows of up to 500 in the order written (SoakSampleChunk
-- in schema.prisma): a row per sample cost the runner a quarter of its throughput. Samples
-- already stored are carried over in order, each as the JSON array lib/load/sample-chunk.ts
-- reads: sentAt (ms since the epoch), second, step, attempt, status, latencyMs, correlationId,
-- rateLimitRemaining, retryAfterS, rateLimitReset, errorKind.
-- CreateTable
CREATE TABLE "SoakSampleChunk" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "samples" TEXT NOT NULL,
    CONSTRAINT "SoakSampleChunk_runId_fkey" FOREIGN KEY ("runId") REFERENCES "SoakRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "SoakSampleChunk_runId_id_idx" ON "SoakSampleChunk"("runId", "id");

-- CopySamples
INSERT INTO "SoakSampleChunk" ("runId", "count", "samples")
SELECT "runId", count(*), json_group_array(json("sample") ORDER BY "id")
FROM (
    SELECT "runId", "id",
        (row_number() OVER (PARTITION BY "runId" ORDER BY "id") - 1) / 500 AS "chunk",
        json_array(
            CAST(round(unixepoch("sentAt", 'subsec') * 1000) AS INTEGER), "second", "step",
            "attempt", "status", "latencyMs", "correlationId", "rateLimitRemaining",
            "retryAfterS", "rateLimitReset", "errorKind"
        ) AS "sample"
    FROM "SoakSample"
)
GROUP BY "runId", "chunk"
ORDER BY "runId", "chunk";

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "SoakSample";
PRAGMA foreign_keys=on;
