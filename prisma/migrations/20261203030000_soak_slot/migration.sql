-- The app's "one soak at a time" rule, in the database so every app instance keeps it.
CREATE TABLE "SoakSlot" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "version" INTEGER NOT NULL DEFAULT 0,
    "runId" TEXT
);

INSERT INTO "SoakSlot" ("name") VALUES ('app');
