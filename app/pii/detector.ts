// Suggests the personal data an official may want to remove from a submission before publishing it
// (ADR 041). Pure text work, no database: the back-office page runs it on the server (the list the
// page is sent with, for officials without JavaScript) and in the browser (as the official types).
// It only suggests: nothing is removed until an official accepts a suggestion.

import { isValidRut, passesLuhn } from "./checksums";

export const piiKinds = ["email", "phone", "rut", "sin", "postal_code", "address", "url", "name"] as const;
export type PiiKind = (typeof piiKinds)[number];

/** A passage to remove: `text` is `source.slice(start, end)` (UTF-16 offsets, as JavaScript counts). */
export interface PiiSuggestion {
  kind: PiiKind;
  start: number;
  end: number;
  text: string;
}

export interface DetectOptions {
  /** The submission's contact names (e.g. "Ana María Pérez"): any of their parts found in the text is suggested. */
  names?: readonly string[];
}

/** Passages already marked for removal ("[[…]]", or the stored "[[redacted]]"): nothing inside them is suggested again. */
const MARKED = /\[\[[\s\S]*?\]\]/g;

/** Letters, digits and underscore, in any script: what a passage must not be glued to. */
const WORD = /[\p{L}\p{N}\p{M}_]/u;

// ---- Numbers: a match must stand alone (not a piece of a longer number, a decimal or an amount) ----

const CURRENCY_AFTER = /^\s?(?:[$€£](?!\s?\d)|CLP|CAD|USD|UF|dollars?|dólares|pesos?|euros?|millions?|millones|mil)(?![\p{L}])/iu;
const CURRENCY_BEFORE = /(?:\$|€|£|CLP|CAD|USD|US\$|CA\$|UF)\s?$/i;

function standsAlone(text: string, start: number, end: number): boolean {
  const before = text[start - 1] ?? "";
  const after = text[end] ?? "";
  if (WORD.test(before) || WORD.test(after)) return false;
  // "1.613-555-0123", "12,046 454 286": glued to a number by a separator.
  if (/\d[.,/-]$/.test(text.slice(Math.max(0, start - 2), start))) return false;
  if (/^[.,/-]\d/.test(text.slice(end, end + 2))) return false;
  return true;
}

const isAmount = (text: string, start: number, end: number) =>
  CURRENCY_AFTER.test(text.slice(end, end + 12)) || CURRENCY_BEFORE.test(text.slice(Math.max(0, start - 4), start));

/** Words that say a bare run of digits is a phone number, a RUT or a postal code (checked just before it). */
const PHONE_CONTEXT =
  /(?:t[ée]l[ée]?(?:phone|[ée]fono)?|tel\.?|phone|cell(?:ular)?|cel\.?|m[óo]vil|mobile|portable|fono|whats ?app|sms|llamar|call|appeler)\s*[.:]?\s*(?:n[°º.o]?\s*)?[:#]?\s*$/i;
const RUT_CONTEXT = /(?:r\.?\s?u\.?\s?[tn]\.?|rol [úu]nico)\s*(?:n[°º.o]?\s*)?[:#]?\s*$/i;
const POSTAL_CONTEXT =
  /(?:c[óo]digo\s+postal|code\s+postal|postal\s+code|post\s?code|zip(?:\s+code)?|(?<![\p{L}])c\.?\s?p\.?|casilla)\s*(?:n[°º.o]?\s*)?[:#]?\s*$/iu;
const contextBefore = (text: string, start: number, context: RegExp) => context.test(text.slice(Math.max(0, start - 32), start));

interface Finder {
  kind: PiiKind;
  pattern: RegExp;
  /** Whether this match is the thing (check digits, context); may narrow it by returning [start, end]. */
  accept?: (text: string, start: number, end: number, match: RegExpExecArray) => boolean | [number, number];
}

const EMAIL_AT = String.raw`(?:@|\s?[\[(](?:at|arroba|arobase)[\])]\s?)`;
const EMAIL_DOT = String.raw`(?:\.|\s?[\[(](?:dot|punto|point)[\])]\s?)`;
const EMAIL_LABEL = String.raw`[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?`;

const URL_SCHEME = /(?:https?:\/\/|ftp:\/\/|www\.)[^\s<>"«»[\]{}|\\^`]+/giu;
const TLDS = "ca|cl|com|org|net|info|io|gob\\.cl|gc\\.ca|gouv\\.qc\\.ca|qc\\.ca|edu|int|co|es|fr|uk|us|biz";
const BARE_DOMAIN = new RegExp(String.raw`(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:${TLDS})(?![\p{L}\p{N}-])(?:\/[^\s<>"«»[\]{}|\\^]*)?`, "giu");

/** Ending punctuation is the sentence's, not the address's (a closing bracket only if none opened). */
function trimUrl(text: string, start: number, end: number): [number, number] {
  let e = end;
  for (;;) {
    const last = text[e - 1];
    if (last && ".,;:!?'\"’”»".includes(last)) e--;
    else if (last === ")" && !text.slice(start, e).includes("(")) e--;
    else break;
  }
  return [start, e];
}

// ---- Phones ----
const SEP = String.raw`[\s.\-\u00a0]?`;
const EXTENSION = String.raw`(?:,?\s?(?:ext\.?|x|poste|extension|extensión|anexo|int\.?)\s?\d{1,5})?`;
/** North American numbers: (613) 555-0123, 613-555-0123, 613.555.0123, +1 613 555 0123, 1-800-555-0199. */
const NANP = new RegExp(String.raw`(?:\+\s?1${SEP}|1[\s.-])?(?:\(\s?[2-9]\d{2}\s?\)\s?|[2-9]\d{2}${SEP})[2-9]\d{2}${SEP}\d{4}${EXTENSION}`, "g");
/** Chilean numbers: +56 9 1234 5678, 9 1234 5678, +56 2 2123 4567, (2) 2123 4567, +56 32 212 3456. */
const CHILE = new RegExp(
  String.raw`(?<cc>\+\s?56${SEP}|56[\s.-]|\(\s?\+?56\s?\)\s?)?(?:(?:\(\s?0?[29]\s?\)|0?[29])${SEP}\d{4}${SEP}\d{4}|(?:\(\s?0?[3-7]\d\s?\)|0?[3-7]\d)${SEP}\d{3}${SEP}\d{4})${EXTENSION}`,
  "g",
);

function acceptPhone(text: string, start: number, end: number, match: RegExpExecArray): boolean {
  if (!standsAlone(text, start, end) || isAmount(text, start, end)) return false;
  const digits = match[0].replace(/\D/g, "");
  const international = /^\s*(?:\+|\(\s?\+)/.test(match[0]) || !!match.groups?.cc;
  // A bare run of digits (no separator, no country code) is a phone only when the text says so.
  const bare = /^\d+$/.test(match[0]);
  if (bare && !international) return contextBefore(text, start, PHONE_CONTEXT) || digits.length === 10;
  return true;
}

// ---- Identity numbers ----
const RUT_DOTTED = /\d{1,2}\.\d{3}\.\d{3}\s?[-‐‑–]\s?[\dkK]/g;
const RUT_DASHED = /\d{7,8}[-‐‑–][\dkK]/g;
const RUT_COMPACT = /\d{7,8}[kK]|\d{8,9}/g;

function acceptRut(text: string, start: number, end: number, match: RegExpExecArray): boolean {
  if (!standsAlone(text, start, end)) return false;
  const called = contextBefore(text, start, RUT_CONTEXT);
  // Only digits: a RUT without its dash only when the text calls it one (else any number would do).
  if (/^\d+$/.test(match[0])) return called && isValidRut(match[0]);
  // A wrong check digit is a mistyped (or made-up) RUT when the text says "RUT" just before it.
  return isValidRut(match[0]) || called;
}

const SIN = /\d{3}([ \-\u00a0]?)\d{3}\1\d{3}/g;
function acceptSin(text: string, start: number, end: number, match: RegExpExecArray): boolean {
  const digits = match[0].replace(/\D/g, "");
  if (!standsAlone(text, start, end) || isAmount(text, start, end)) return false;
  if (/^(\d)\1+$/.test(digits) || !passesLuhn(digits)) return false;
  // Nine bare digits that a RUT context claims are a RUT (its own finder decides).
  if (!match[1] && contextBefore(text, start, RUT_CONTEXT)) return false;
  return true;
}

// ---- Postal codes ----
const CA_POSTAL = /[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z][ \-\u00a0]?\d[ABCEGHJ-NPRSTV-Z]\d/gi;
function acceptCanadianPostal(text: string, start: number, end: number, match: RegExpExecArray): boolean {
  const letters = match[0].replace(/[^A-Za-z]/g, "");
  // All capitals or all small letters: "K1A 0B1", "k1a 0b1" — not "a1B2c3" in a code.
  if (letters !== letters.toUpperCase() && letters !== letters.toLowerCase()) return false;
  return standsAlone(text, start, end);
}
/** Seven digits are a Chilean postal code only after words that say so: any seven-digit number would otherwise do. */
const CL_POSTAL = /\d{7}|\d{3}[ \-\u00a0]\d{4}/g;
const acceptChileanPostal = (text: string, start: number, end: number) => standsAlone(text, start, end) && contextBefore(text, start, POSTAL_CONTEXT);

// ---- Street addresses ----
// No full stop inside: "… René-Lévesque. Référence …" ends the street's name with the sentence.
const CAP = String.raw`\p{Lu}[\p{L}\p{M}'’]*(?:-[\p{L}\p{M}'’]+)*`;
const ORDINAL = String.raw`\d{1,3}(?:st|nd|rd|th|e|er|re|ème|°|º)`;
const NAME_WORD = String.raw`(?:${CAP}|${ORDINAL})`;
const PARTICLE = String.raw`(?:de\s+la|de\s+los|de\s+las|de\s+l['’]|del|des|de|du|d['’]|la|le|les|l['’]|los|las|y|of|the)`;
/** One to five words of a street's name: capitalised words, ordinals, and the small words between them. */
const STREET_NAME = String.raw`(?:${PARTICLE}\s*)?${NAME_WORD}(?:(?:\s+|\s*-\s*)(?:${PARTICLE}\s*)?${NAME_WORD}){0,4}`;
const HOUSE_NUMBER = String.raw`\d{1,6}(?:\s?(?:bis|ter|[A-Za-z](?![\p{L}\p{N}])))?(?:-\d{1,6})?`;
const UNIT_AFTER = String.raw`(?:,?\s+(?:[Aa]pt\.?|[Aa]partment|[Uu]nit|[Ss]uite|[Aa]pp\.?|[Aa]ppartement|[Bb]ureau|[Ll]ocal|[Dd]epto\.?|[Dd]pto\.?|[Dd]epartamento|[Oo]ficina|[Oo]f\.|[Pp]iso|[Cc]asa|[Bb]lock|[Tt]orre)\s*[#n°º.]*\s*\w{1,6})?`;
const EN_TYPES = String.raw`(?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Boulevard|Blvd\.?|Drive|Dr\.?|Lane|Ln\.?|Way|Crescent|Cres\.?|Court|Ct\.?|Place|Pl\.?|Terrace|Highway|Hwy\.?|Parkway|Pkwy\.?|Circle|Square|Sq\.?|Trail|Row)`;
const DIRECTION_EN = String.raw`(?:\s+(?:North|South|East|West|N\.?|S\.?|E\.?|W\.?|NE|NW|SE|SW)(?![\p{L}]))?`;
/** "123 Main Street", "1600 Sussex Drive NW", "45 Elgin St., Suite 200". */
const ADDRESS_EN = new RegExp(String.raw`${HOUSE_NUMBER},?\s+${STREET_NAME}\s+${EN_TYPES}(?![\p{L}])${DIRECTION_EN}${UNIT_AFTER}`, "gu");
const FR_TYPES = String.raw`(?:[Rr]ue|[Aa]venue|[Aa]v\.|[Bb]oulevard|[Bb]oul\.|[Bb]d|[Cc]hemin|[Cc]h\.|[Rr]oute|[Rr]ang|[Pp]lace|[Aa]ll[ée]e|[Ii]mpasse|[Pp]romenade|[Cc]roissant|[Mm]ont[ée]e|[Cc][ôo]te|[Rr]uelle|[Cc]arr[ée]|[Cc]ours|[Qq]uai|[Tt]errasse|[Vv]oie|[Rr]ond-point)`;
const DIRECTION_FR = String.raw`(?:\s+(?:Est|Ouest|Nord|Sud|E\.|O\.|N\.|S\.)(?![\p{L}]))?`;
/** "45, rue Sainte-Catherine", "1200 boulevard René-Lévesque Ouest", "3 chemin du Lac". */
const ADDRESS_FR = new RegExp(String.raw`${HOUSE_NUMBER},?\s+${FR_TYPES}(?![\p{L}])\s+${STREET_NAME}${DIRECTION_FR}${UNIT_AFTER}`, "gu");
const ES_TYPES = String.raw`(?:[Aa]venida|[Aa]v\.|[Aa]vda\.|[Cc]alle|[Cc]\/|[Pp]asaje|[Pp]je\.|[Cc]amino|[Pp]aseo|[Aa]lameda|[Dd]iagonal|[Cc]allej[óo]n|[Cc]arretera|[Bb]ulevar|[Pp]laza|[Pp]oblaci[óo]n|[Vv]illa)`;
const NUMBER_SIGN = String.raw`(?:(?:N[°º.o]?|n[°º]|#|n[úu]mero|No\.)\s*)?`;
/** "Av. Libertador Bernardo O'Higgins 1234", "calle Los Aromos 567, depto. 12", "Pasaje Las Rosas N° 45". */
const ADDRESS_ES = new RegExp(String.raw`${ES_TYPES}\s+${STREET_NAME},?\s+${NUMBER_SIGN}\d{1,5}(?![\p{N}])(?:\s?[A-Za-z](?![\p{L}\p{N}]))?${UNIT_AFTER}`, "gu");

/** A street's name must have a real word in it (not only "de la"), and the match must not start inside a number or word. */
function acceptAddress(text: string, start: number, end: number): boolean | [number, number] {
  const before = text[start - 1] ?? "";
  if (WORD.test(before)) return false;
  let e = end;
  // "Ave." and "St." keep their dot; the sentence's comma or full stop after a number is not the address's.
  while (e > start && /[,\s]/.test(text[e - 1]!)) e--;
  return [start, e];
}

const FINDERS: Finder[] = [
  {
    kind: "email",
    pattern: new RegExp(
      String.raw`(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}_%+-]+(?:\.[\p{L}\p{N}_%+-]+)*${EMAIL_AT}${EMAIL_LABEL}(?:${EMAIL_DOT}${EMAIL_LABEL})*${EMAIL_DOT}\p{L}{2,}(?![\p{L}\p{N}-])`,
      "giu",
    ),
  },
  { kind: "url", pattern: URL_SCHEME, accept: (text, start, end) => (WORD.test(text[start - 1] ?? "") ? false : trimUrl(text, start, end)) },
  {
    kind: "url",
    pattern: BARE_DOMAIN,
    accept: (text, start, end) => (/[\p{L}\p{N}@./-]/u.test(text[start - 1] ?? "") ? false : trimUrl(text, start, end)),
  },
  { kind: "rut", pattern: RUT_DOTTED, accept: acceptRut },
  { kind: "rut", pattern: RUT_DASHED, accept: acceptRut },
  { kind: "rut", pattern: RUT_COMPACT, accept: acceptRut },
  { kind: "sin", pattern: SIN, accept: acceptSin },
  { kind: "phone", pattern: NANP, accept: acceptPhone },
  { kind: "phone", pattern: CHILE, accept: acceptPhone },
  { kind: "postal_code", pattern: CA_POSTAL, accept: acceptCanadianPostal },
  { kind: "postal_code", pattern: CL_POSTAL, accept: acceptChileanPostal },
  { kind: "address", pattern: ADDRESS_EN, accept: acceptAddress },
  { kind: "address", pattern: ADDRESS_FR, accept: acceptAddress },
  { kind: "address", pattern: ADDRESS_ES, accept: acceptAddress },
];

/** When two suggestions overlap, the longer one stays; at equal length, the earlier kind here. */
const PRIORITY: Record<PiiKind, number> = { email: 0, url: 1, rut: 2, sin: 3, phone: 4, postal_code: 5, address: 6, name: 7 };

/** Lower case without accents: how names are compared ("PÉREZ", "perez" and "Pérez" are one name). */
export function foldName(value: string): string {
  return value.normalize("NFD").replace(/\p{M}/gu, "").replace(/[’]/g, "'").toLowerCase();
}

/** Small words of people's names that are not names on their own. */
const NAME_PARTICLES = new Set([
  "de",
  "del",
  "della",
  "la",
  "las",
  "los",
  "le",
  "les",
  "da",
  "das",
  "do",
  "dos",
  "di",
  "du",
  "des",
  "van",
  "von",
  "der",
  "den",
  "y",
  "e",
  "i",
  "mc",
  "st",
  "ste",
  "jr",
  "sr",
  "mr",
  "mrs",
  "ms",
  "dr",
  "mme",
  "m",
  "sra",
  "sr",
  "srta",
]);

/** The parts of contact names worth looking for: each word and each half of a hyphenated word, two letters or more. */
export function nameParts(names: readonly string[]): Set<string> {
  const parts = new Set<string>();
  for (const name of names) {
    for (const word of foldName(name).split(/[\s,]+/)) {
      const clean = word.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
      for (const part of [clean, ...clean.split("-")]) {
        if (part.length >= 2 && !NAME_PARTICLES.has(part) && /\p{L}/u.test(part)) parts.add(part);
      }
    }
  }
  return parts;
}

const NAME_TOKEN = /[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*/gu;
const NAME_GAP = /^(?:\s+|\s*-\s*|\s+(?:de|del|de la|de los|de las|la|le|los|las|van|von|da|di|du|des|y|e)\s+)$/i;

/** `occupied`: passages other finders took (a name inside an email or a web address goes with it). */
function findNames(text: string, parts: Set<string>, occupied: readonly { start: number; end: number }[]): PiiSuggestion[] {
  if (parts.size === 0) return [];
  const found: { start: number; end: number }[] = [];
  const free = (start: number, end: number) => !occupied.some((o) => start < o.end && o.start < end);
  for (const m of text.matchAll(NAME_TOKEN)) {
    if (!free(m.index, m.index + m[0].length)) continue;
    let start = m.index;
    let token = m[0];
    // "d'Ana", "l'Ana": an elided article is not part of the name; "Ana's" ends with the possessive.
    const elided = /^[dlDL]['’]/.exec(token);
    if (elided && !parts.has(foldName(token))) {
      start += 2;
      token = token.slice(2);
    }
    token = token.replace(/['’]s$/i, "");
    if (parts.has(foldName(token))) {
      found.push({ start, end: start + token.length });
      continue;
    }
    // "Pérez-Cotapos" when the contact is "Ana Pérez": only the half that is the contact's name.
    let offset = start;
    for (const half of token.split("-")) {
      if (parts.has(foldName(half))) found.push({ start: offset, end: offset + half.length });
      offset += half.length + 1;
    }
  }
  // "Ana María Pérez", "María de la Fuente": neighbouring parts are one passage to remove.
  const merged: { start: number; end: number }[] = [];
  for (const f of found) {
    const last = merged.at(-1);
    if (last && NAME_GAP.test(text.slice(last.end, f.start))) last.end = f.end;
    else merged.push({ ...f });
  }
  return merged.map(({ start, end }) => ({ kind: "name", start, end, text: text.slice(start, end) }));
}

/**
 * The passages of `text` that look like personal data, in text order, none overlapping another and
 * none inside a passage already marked for removal ("[[…]]").
 */
export function detectPii(text: string, options: DetectOptions = {}): PiiSuggestion[] {
  const candidates: PiiSuggestion[] = [];
  for (const finder of FINDERS) {
    finder.pattern.lastIndex = 0;
    for (const match of text.matchAll(finder.pattern)) {
      let start = match.index;
      let end = start + match[0].length;
      const verdict = finder.accept ? finder.accept(text, start, end, match) : true;
      if (verdict === false) continue;
      if (Array.isArray(verdict)) [start, end] = verdict;
      if (end > start) candidates.push({ kind: finder.kind, start, end, text: text.slice(start, end) });
    }
  }
  candidates.push(...findNames(text, nameParts(options.names ?? []), candidates));

  const marked = [...text.matchAll(MARKED)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || PRIORITY[a.kind] - PRIORITY[b.kind] || a.start - b.start);
  const kept: PiiSuggestion[] = [];
  for (const c of candidates) {
    if (marked.some((m) => overlaps(m, c)) || kept.some((k) => overlaps(k, c))) continue;
    kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}
