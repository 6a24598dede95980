// The learned classifier's features: hashed word unigrams and bigrams and character 3- to
// 5-grams of the error string and notes (read as the rules read them, then lower-cased with
// numbers collapsed), plus context features: the status and its class, which versions and
// whether a region were given, and note phrases that decide real cases ("worked until",
// "official app works", "many users", "only in <country>").
import type { ClassifyErrorInput } from "../classifier";
import { evidenceText, statusNamedIn } from "../classifier-text";

/** Feature id to count, for one input. */
export type FeatureCounts = Map<number, number>;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

// FNV-1a over UTF-16 code units; a kind tag starts each hash so a word and an n-gram of the
// same letters stay different features.
function hashFrom(seed: number, text: string, start: number, end: number): number {
  let hash = seed;
  for (let at = start; at < end; at++) {
    hash ^= text.charCodeAt(at);
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash >>> 0;
}
const hashOf = (text: string) => hashFrom(FNV_OFFSET, text, 0, text.length);

const WORD_SEED = hashOf("w:");
const CHAR_SEED = hashOf("c:");
const SPACE = 0x20;

/**
 * Lower-case, numbers collapsed: a run of digits becomes "0" unless it has exactly three
 * digits, which in these texts are statuses and vendor codes (403, APIGW-403) far more often
 * than counts, dates or ids.
 */
export function normalisedText(errorString: string, notes: string | undefined): string {
  return evidenceText(errorString, notes)
    .toLowerCase()
    .replace(/\d+/g, (digits) => (digits.length === 3 ? digits : "0"));
}

const WORD = /[\p{L}\p{N}]+/gu;
// Long tokens (hex ids, base64 tokens, URLs run together) add many n-grams and no meaning.
const MAX_CHAR_GRAM_WORD = 24;

// Feature ids keep 30 bits: small integers are what Map lookups are fastest on, and the
// corpus's tens of thousands of features rarely collide in a billion buckets.
const FEATURE_BITS = 0x3fffffff;

function add(counts: FeatureCounts, hash: number) {
  const feature = hash & FEATURE_BITS;
  counts.set(feature, (counts.get(feature) ?? 0) + 1);
}

function addTextFeatures(counts: FeatureCounts, text: string) {
  let previous = -1;
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    const unigram = hashFrom(WORD_SEED, word, 0, word.length);
    add(counts, unigram);
    if (previous !== -1) {
      // The bigram continues the first word's hash over a space and the second word.
      let bigram = Math.imul(previous ^ SPACE, FNV_PRIME) >>> 0;
      bigram = hashFrom(bigram, word, 0, word.length);
      add(counts, bigram);
    }
    previous = unigram;
    if (word.length > MAX_CHAR_GRAM_WORD) continue;
    const padded = ` ${word} `;
    for (let start = 0; start + 3 <= padded.length; start++) {
      // The 4- and 5-gram hashes continue the 3-gram's: FNV reads one character at a time.
      let gram = hashFrom(CHAR_SEED, padded, start, start + 3);
      add(counts, gram);
      for (let end = start + 4; end <= start + 5 && end <= padded.length; end++) {
        gram = hashFrom(gram, padded, end - 1, end);
        add(counts, gram);
      }
    }
  }
}

// Phrases in the notes that real threads turn on. Each is a feature of its own, so the learner
// weighs it per cause from the corpus rather than by hand.
const NOTE_PHRASES: ReadonlyArray<[string, RegExp]> = [
  [
    "worked_until",
    /\b(worked|working|was fine|ran fine)\b[^.;\n]{0,40}?\b(until|till|before|for (weeks|months|years))\b|\bstopped working\b|\bsuddenly\b/i,
  ],
  [
    "after_update",
    /\b(after|since|right after|following) (the |a |an |upgrading|updating|updated)?[^.;\n]{0,30}?\b(update|upgrade|release|firmware|version)\b|\bupgraded to\b|\bupdated to\b/i,
  ],
  [
    "official_app_works",
    /\b(official |vendor'?s? |mobile |the )?(app|website|web ?site|portal)\b[^.;\n]{0,30}?\b(still )?(works|working|work fine|works fine|is fine|shows)\b/i,
  ],
  [
    "official_app_fails",
    /\b(app|website|portal)\b[^.;\n]{0,30}?\b(also|too|as well)\b[^.;\n]{0,20}?\b(fails|failing|down|broken|not working|stopped)\b|\b(app|website)\b[^.;\n]{0,20}?\b(does ?n[o']t work|not working|fails)\b/i,
  ],
  [
    "many_users",
    /\b(many|multiple|several|other|all|more than one|lots of) (users|people|owners|accounts|customers|reporters)\b|\beveryone\b|\b(others|another user) (report|see|confirm)/i,
  ],
  [
    "one_user",
    /\b(only (me|my|one)|single (account|vehicle|car)|one (account|vehicle|car) (only|of))\b/i,
  ],
  [
    "only_in_place",
    /\bonly (in|for|from) (the )?(eu|europe|us|usa|uk|china|australia|canada|japan|korea|north america|[a-z]+ market)\b|\b(other|some) (countries|regions|markets)\b|\b(not|isn'?t) (available|sold|offered) in\b/i,
  ],
  [
    "started_on_date",
    /\b(started|since|began|from) (on )?(\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i,
  ],
  [
    "changed_password",
    /\b(password|credentials?) (changed|reset)\b|\bchanged (my |the )?password\b/i,
  ],
  ["polling", /\b(poll(ing)?|interval|every \d+ ?(s|sec|seconds|min|minutes)|requests? per)\b/i],
  [
    "new_login_flow",
    /\b(new|changed|different) (login|sign[- ]?in|auth(entication)?|oauth) (flow|page|screen|process|method)\b|\b(re)?captcha\b|\b(2fa|mfa|otp|one[- ]time (code|password)|verification code)\b/i,
  ],
  [
    "no_change_on_my_side",
    /\b(no|without( any)?|nothing) (changes?|changed)\b[^.;\n]{0,25}?\b(my|our|on)\b|\bnothing (has )?changed\b|\b(did ?n[o']t|have ?n[o']t) (change|touch|update)(d)?\b/i,
  ],
  [
    "vendor_changed",
    /\b(vendor|manufacturer|they|api|backend|server side|server-side)\b[^.;\n]{0,25}?\b(changed|updated|deprecated|retired|migrated|moved|switched|new version)\b|\b(deprecat|retir|migrat|sunset)\w*\b|\bnew api\b/i,
  ],
  ["version_in_notes", /\bv?\d+\.\d+(\.\d+)?\b/i],
  [
    "came_back",
    /\b(came back|back up|working again|resolved (itself|on its own)|recovered|status page|intermittent(ly)?|for (a few )?hours)\b/i,
  ],
];

const contextFeature = (name: string) => hashOf(`x:${name}`);
const STATUS_FEATURES = new Map<string, number>();
const statusFeature = (name: string) => {
  let feature = STATUS_FEATURES.get(name);
  if (feature === undefined) STATUS_FEATURES.set(name, (feature = contextFeature(name)));
  return feature;
};
const NOTE_FEATURES = NOTE_PHRASES.map(
  ([name, pattern]) => [contextFeature(`note:${name}`), pattern] as const,
);
/**
 * The note phrases' feature ids as they appear in `featuresOf`'s counts. The stacking layer
 * weighs them again per cause on out-of-fold predictions: among hundreds of n-grams the
 * learner gives a phrase little say, while in real threads the context decides.
 */
const NOTE_PHRASE_FEATURES: readonly number[] = NOTE_FEATURES.map(
  ([feature]) => feature & FEATURE_BITS,
);
const HAS_SDK = contextFeature("has:sdk");
const HAS_APP = contextFeature("has:app");
const HAS_API = contextFeature("has:api");
const HAS_REGION = contextFeature("has:region");
const HAS_NOTES = contextFeature("has:notes");
const NO_STATUS = contextFeature("status:none");
/**
 * The note phrases with the version and region flags: what the stacking layer may weigh.
 * Not the status class nor `has:notes`: every report has one of those, so weights on them
 * would act as a per-cause prior.
 */
export const CONTEXT_FEATURES: readonly number[] = [
  ...NOTE_PHRASE_FEATURES,
  ...[HAS_SDK, HAS_APP, HAS_API, HAS_REGION].map((feature) => feature & FEATURE_BITS),
];

const filled = (value: string | undefined): value is string =>
  value !== undefined && value.trim() !== "";

/** The hashed features of one input. */
export function featuresOf(input: ClassifyErrorInput): FeatureCounts {
  const context = input.context ?? {};
  const notes = filled(context.notes) ? context.notes : undefined;
  const counts: FeatureCounts = new Map();
  const text = normalisedText(input.errorString, notes);
  addTextFeatures(counts, text);
  const status = context.httpStatus ?? statusNamedIn(evidenceText(input.errorString, undefined));
  if (status === null || status === undefined) add(counts, NO_STATUS);
  else {
    add(counts, statusFeature(`status:${status}`));
    add(counts, statusFeature(`status:${Math.floor(status / 100)}xx`));
  }
  if (filled(context.sdkVersion)) add(counts, HAS_SDK);
  if (filled(context.appVersion)) add(counts, HAS_APP);
  if (filled(context.apiVersion)) add(counts, HAS_API);
  if (filled(context.region)) add(counts, HAS_REGION);
  if (notes) {
    add(counts, HAS_NOTES);
    for (const [feature, pattern] of NOTE_FEATURES) if (pattern.test(notes)) add(counts, feature);
  }
  return counts;
}
