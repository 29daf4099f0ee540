import { describe, expect, it } from "vitest";
import en from "~/locales/en";
import es from "~/locales/es";
import fr from "~/locales/fr";

function flatten(value: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof v === "string") out.set(path, v);
    else for (const [k, s] of flatten(v, path)) out.set(k, s);
  }
  return out;
}

const catalogs = { en: flatten(en), fr: flatten(fr), es: flatten(es) };
const variables = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

// Strings that are rightly spelled as in English (names, numbers, words shared by both languages).
const sameAsEnglish = new Set([
  "fr:nav.canada",
  "es:nav.chile",
  "fr:admin.parties.CA",
  "es:admin.parties.CL",
  "fr:topics.article",
  "fr:topics.dateInZone",
  "es:topics.dateInZone",
  "fr:admin.users.actions",
  "fr:admin.audit.action",
  "es:errors.status",
  "es:forms.errorPrefix",
  "fr:nav.consultations",
  "fr:consultations.title",
  "fr:consultations.pageN",
  "fr:consultations.siteSearch.consultations",
  "fr:consultations.siteSearch.consultationsFound_one",
  "fr:consultations.siteSearch.consultationsFound_other",
  "fr:topicForm.body",
  "fr:topicForm.question",
  "fr:submission.choices.organisationSize.micro",
  "es:submission.choices.organisationSize.micro",
  "fr:moderation.topic",
  // One term per concept (docs/glossary.md): a consultation is "Consultation" in English and French.
  "fr:admin.nav.topics",
  "fr:admin.topics.title",
  "fr:admin.topics.caption",
  "fr:admin.topics.topic",
  "fr:moderation.topicLabel",
  "fr:moderation.organisation",
  "fr:moderation.version",
  "fr:moderation.statusCount",
  "es:moderation.statusCount",
  "fr:summary.total",
  "es:summary.total",
  "fr:summary.byline.named",
  "es:summary.byline.named",
  "fr:summary.columns.topic",
  "fr:summary.columns.publication",
  "fr:summary.columns.organisation",
  "fr:summaries.topic",
  "fr:summaries.format",
  "fr:summaries.formats.pdf",
  "fr:summaries.formats.xlsx",
  "es:summaries.formats.docx",
  "es:summaries.formats.xlsx",
  "fr:receipt.fields.consultation",
  "fr:admin.dashboard.consultation",
  "fr:receipt.fields.organisationName",
  "fr:receipt.fields.publication",
  "es:receipt.line",
  "fr:eventAttendance.columns.organisation",
  "fr:eventAttendance.columns.type",
  "fr:eventAttendance.columns.action",
  "fr:eventAttendance.register.columns.organisation",
  "fr:eventAttendance.register.columns.type",
  "fr:eventAttendance.signIn.signature",
]);

describe("translation catalogs", () => {
  for (const locale of ["fr", "es"] as const) {
    it(`${locale} has exactly the keys of en`, () => {
      const missing = [...catalogs.en.keys()].filter((k) => !catalogs[locale].has(k));
      const extra = [...catalogs[locale].keys()].filter((k) => !catalogs.en.has(k));
      expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    });

    it(`${locale} uses the same {{variables}} as en`, () => {
      for (const [key, text] of catalogs.en) expect(variables(catalogs[locale].get(key) ?? ""), key).toEqual(variables(text));
    });

    it(`${locale} has no empty or untranslated English string`, () => {
      const untranslated = [...catalogs.en].filter(
        ([key, text]) => !sameAsEnglish.has(`${locale}:${key}`) && catalogs[locale].get(key) === text && /[a-z]{3}/i.test(text),
      );
      const empty = [...catalogs[locale]].filter(([, text]) => text.trim() === "");
      expect({ untranslated: untranslated.map(([k]) => k), empty }).toEqual({ untranslated: [], empty: [] });
    });
  }
});
