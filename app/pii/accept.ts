// Accepting suggestions: a suggested passage becomes a passage marked for removal, "[[like this]]",
// exactly as if the official had typed the brackets (the redaction then proceeds as always).

/** The field of the redaction form a suggestion was found in: "title", "body" or "answer_<question id>". */
export type RedactionField = "title" | "body" | `answer_${number}`;

/** A suggestion the official ticked (without JavaScript): where it was found in the text the page showed. */
export interface AcceptedPassage {
  field: RedactionField;
  start: number;
  end: number;
  text: string;
}

const FIELD = /^(title|body|answer_\d+)$/;

/** The checkbox value that names a suggestion: "body:12:29:ana@example.org". */
export function encodeAccepted(p: AcceptedPassage): string {
  return `${p.field}:${p.start}:${p.end}:${p.text}`;
}

/** The suggestion a ticked checkbox names, or null if the value is not one. */
export function decodeAccepted(value: string): AcceptedPassage | null {
  const m = /^([a-z_0-9]+):(\d{1,6}):(\d{1,6}):([\s\S]+)$/.exec(value);
  if (!m || !FIELD.test(m[1]!)) return null;
  const start = Number(m[2]);
  const end = Number(m[3]);
  if (end - start !== m[4]!.length) return null;
  return { field: m[1] as RedactionField, start, end, text: m[4]! };
}

const MARKED = /\[\[[\s\S]*?\]\]/g;

/**
 * `text` with each passage wrapped in "[[…]]". A passage is looked for where the page showed it
 * and, if the official also edited the text meanwhile, at its nearest occurrence not already
 * marked. Null when one can no longer be found: nothing is marked then, so that no passage the
 * official chose to remove is published by mistake.
 */
export function markPassages(text: string, passages: readonly { start: number; end: number; text: string }[]): string | null {
  const marked = [...text.matchAll(MARKED)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const free = (start: number, end: number) => !marked.some((m) => start < m.end && m.start < end);
  const ranges: { start: number; end: number }[] = [];
  for (const p of passages) {
    if (!p.text) continue;
    if (text.slice(p.start, p.end) === p.text && free(p.start, p.end)) {
      ranges.push({ start: p.start, end: p.end });
      continue;
    }
    let best = -1;
    for (let at = text.indexOf(p.text); at !== -1; at = text.indexOf(p.text, at + 1)) {
      if (free(at, at + p.text.length) && (best === -1 || Math.abs(at - p.start) < Math.abs(best - p.start))) best = at;
    }
    if (best === -1) return null;
    ranges.push({ start: best, end: best + p.text.length });
  }
  // Overlapping or touching passages are removed as one.
  ranges.sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  let out = text;
  for (const r of merged.reverse()) out = `${out.slice(0, r.start)}[[${out.slice(r.start, r.end)}]]${out.slice(r.end)}`;
  return out;
}

/** The form's texts with the ticked suggestions of each field marked; null if one could not be found (see markPassages). */
export function markAccepted<T extends { title: string; body: string; answers: Record<string, string> }>(
  texts: T,
  accepted: readonly AcceptedPassage[],
): T | null {
  if (accepted.length === 0) return texts;
  const of = (field: RedactionField) => accepted.filter((a) => a.field === field);
  const title = markPassages(texts.title, of("title"));
  const body = markPassages(texts.body, of("body"));
  if (title === null || body === null) return null;
  const answers: Record<string, string> = { ...texts.answers };
  for (const a of accepted) {
    const id = /^answer_(\d+)$/.exec(a.field)?.[1];
    if (!id) continue;
    // An answer field the form did not send is not one of this submission's.
    if (answers[id] === undefined) return null;
  }
  for (const id of Object.keys(answers)) {
    const marked = markPassages(answers[id]!, of(`answer_${id}` as RedactionField));
    if (marked === null) return null;
    answers[id] = marked;
  }
  return { ...texts, title, body, answers };
}
