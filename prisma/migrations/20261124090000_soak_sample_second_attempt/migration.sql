-- A stored sample must carry everything the recorder needs to rebuild a run's summary after a
-- crash: the second and attempt are the runner's, not derivable from sentAt alone.
ALTER TABLE "SoakSample" ADD COLUMN "second" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "SoakSample" ADD COLUMN "attempt" INTEGER NOT NULL DEFAULT 1;
