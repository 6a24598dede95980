// 429 bursts. A burst is a run of consecutive minutes (UTC, whole minutes) in each of which at
// least one 429 was seen, by a synthetic probe or as an incident filed with HTTP 429; the
// first minute without any ends it. A lone minute with 429s is a one-minute burst. SQL finds
// them (store.ts); this is their shape.
export type Burst429 = {
  start: Date;
  end: Date;
  minutes: number;
  probe429s: number;
  incidents429: number;
};
