// npm run bench:pii — recall and precision of the personal-data detector (app/pii/detector.ts) on a
// generated labelled set of texts in English, French and Spanish (bench/pii-set.ts, stored as
// bench/data/pii-set.json), beside a naive regular-expression baseline run on the same set. Ends
// with one JSON line. `-- --write` regenerates the stored set from its generator. ADR 041.
//
// A planted item is found when a suggestion of its kind covers all of it (nothing of it would be
// left) without being more than twice as long (it would not swallow the sentence). A suggestion is
// correct when it finds a planted item of its kind; any other is a false alarm.

import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { detectPii, piiKinds, type PiiKind } from "../app/pii/detector";
import { generatePiiSet, type LabelledText, type PiiSet } from "./pii-set";

const SET_FILE = join(dirname(fileURLToPath(import.meta.url)), "data", "pii-set.json");
const RECALL_TARGET: Partial<Record<PiiKind, number>> = { email: 0.98, phone: 0.98, rut: 0.98, sin: 0.98, postal_code: 0.98 };
const PRECISION_TARGET = 0.9;

interface Span {
  kind: PiiKind;
  start: number;
  end: number;
}

/** What one would write in an afternoon: a regular expression per kind, no check digits, no context. */
const BASELINE: Record<PiiKind, RegExp> = {
  email: /\S+@\S+\.\w+/g,
  phone: /\+?\d[\d\s().-]{7,}\d/g,
  rut: /\d{1,2}\.?\d{3}\.?\d{3}-?[\dkK]/g,
  sin: /\d{3}[ -]?\d{3}[ -]?\d{3}/g,
  postal_code: /[A-Z]\d[A-Z] ?\d[A-Z]\d|\b\d{7}\b/g,
  address: /\d+,? (?:rue |avenue |boulevard )?[A-Z]\w+ (?:Street|St|Avenue|Ave|Road)\b|(?:Avenida|Av\.|Calle) [A-Z]\w+(?: [A-Z]\w+)* \d+/g,
  url: /https?:\/\/\S+|www\.\S+/g,
  name: /$^/g, // replaced per text by the contact's full name, as written
};

function baseline(entry: LabelledText): Span[] {
  const spans: Span[] = [];
  for (const kind of piiKinds) {
    const pattern = kind === "name" ? new RegExp(entry.contact.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "g") : BASELINE[kind];
    for (const m of entry.text.matchAll(pattern)) spans.push({ kind, start: m.index, end: m.index + m[0].length });
  }
  return spans;
}

const finds = (s: Span, p: Span) => s.kind === p.kind && s.start <= p.start && s.end >= p.end && s.end - s.start <= 2 * (p.end - p.start);

interface Counts {
  planted: number;
  found: number;
  suggested: number;
  correct: number;
}

function score(set: PiiSet, detect: (entry: LabelledText) => Span[]) {
  const counts = Object.fromEntries(piiKinds.map((k) => [k, { planted: 0, found: 0, suggested: 0, correct: 0 }])) as Record<PiiKind, Counts>;
  const misses: Partial<Record<PiiKind, string[]>> = {};
  const alarms: Partial<Record<PiiKind, string[]>> = {};
  for (const entry of set.texts) {
    const spans = detect(entry);
    for (const p of entry.items) {
      counts[p.kind].planted++;
      if (spans.some((s) => finds(s, p))) counts[p.kind].found++;
      else (misses[p.kind] ??= []).push(entry.text.slice(p.start, p.end));
    }
    for (const s of spans) {
      counts[s.kind].suggested++;
      if (entry.items.some((p) => finds(s, p))) counts[s.kind].correct++;
      else (alarms[s.kind] ??= []).push(entry.text.slice(s.start, s.end));
    }
  }
  const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
  const rows = piiKinds.map((kind) => ({
    kind,
    ...counts[kind],
    recall: ratio(counts[kind].found, counts[kind].planted),
    precision: ratio(counts[kind].correct, counts[kind].suggested),
  }));
  return { rows, misses, alarms };
}

const write = process.argv.includes("--write");
const generated = generatePiiSet();
const serialised = `${JSON.stringify(generated)}\n`;
if (write) {
  mkdirSync(dirname(SET_FILE), { recursive: true });
  writeFileSync(SET_FILE, serialised);
  console.log(`wrote ${SET_FILE} (${(serialised.length / 1e6).toFixed(2)} MB)`);
}
const stored = readFileSync(SET_FILE, "utf8");
const set = JSON.parse(stored) as PiiSet;
const sameAsGenerator = stored === serialised;

const started = performance.now();
const detectorScore = score(set, (entry) => detectPii(entry.text, { names: [entry.contact] }));
const detectorMs = performance.now() - started;
const baselineScore = score(set, baseline);
const characters = set.texts.reduce((n, e) => n + e.text.length, 0);

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
console.log(`PII detector on ${set.texts.length} texts (en/fr/es, ${(characters / 1e6).toFixed(2)} M characters), seed ${set.seed}`);
console.log(`stored set ${sameAsGenerator ? "matches" : "DIFFERS FROM"} its generator (bench/pii-set.ts)`);
console.log(
  `${"kind".padEnd(12)}${"planted".padStart(8)}${"recall".padStart(8)}${"precision".padStart(10)}   ${"baseline recall".padStart(15)}${"precision".padStart(10)}   target`,
);
let allMet = true;
for (const row of detectorScore.rows) {
  const base = baselineScore.rows.find((r) => r.kind === row.kind)!;
  const recallTarget = RECALL_TARGET[row.kind];
  const met = (recallTarget === undefined || row.recall >= recallTarget) && row.precision >= PRECISION_TARGET;
  allMet &&= met;
  const target = `${recallTarget ? `recall ≥ ${recallTarget}, ` : ""}precision ≥ ${PRECISION_TARGET}: ${met ? "met" : "NOT MET"}`;
  console.log(
    `${row.kind.padEnd(12)}${String(row.planted).padStart(8)}${pct(row.recall).padStart(8)}${pct(row.precision).padStart(10)}   ${pct(base.recall).padStart(15)}${pct(base.precision).padStart(10)}   ${target}`,
  );
}
console.log(
  `detector: ${detectorMs.toFixed(0)} ms in all, ${((detectorMs * 1000) / set.texts.length).toFixed(0)} µs per text, ${(characters / 1e3 / (detectorMs / 1000)).toFixed(0)} K characters/s`,
);
for (const kind of piiKinds) {
  const missed = detectorScore.misses[kind] ?? [];
  const alarms = detectorScore.alarms[kind] ?? [];
  if (missed.length)
    console.log(
      `  ${kind} missed (${missed.length}), e.g. ${missed
        .slice(0, 4)
        .map((m) => JSON.stringify(m))
        .join(", ")}`,
    );
  if (alarms.length)
    console.log(
      `  ${kind} false alarms (${alarms.length}), e.g. ${alarms
        .slice(0, 4)
        .map((m) => JSON.stringify(m))
        .join(", ")}`,
    );
}
const round = (x: number) => Math.round(x * 10000) / 10000;
const figures = (rows: typeof detectorScore.rows) =>
  Object.fromEntries(rows.map((r) => [r.kind, { planted: r.planted, recall: round(r.recall), precision: round(r.precision) }]));
console.log(
  JSON.stringify({
    texts: set.texts.length,
    characters,
    seed: set.seed,
    set_matches_generator: sameAsGenerator,
    detector: figures(detectorScore.rows),
    baseline: figures(baselineScore.rows),
    detector_ms: Math.round(detectorMs),
    targets_met: allMet,
  }),
);
