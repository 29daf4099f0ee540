import type { Kysely } from "kysely";
import type { Database, Locale } from "../../db/schema";
import { getT } from "~/i18next.server";
import { formatSize } from "~/utils/format";
import { listParties, listRegions } from "./parties.server";
import type { SubmissionFormFields } from "./submissions.server";
import { pickTranslation } from "./topics.server";

/** One line of the receipt: a translated label and what the person gave (in `lang` when it is their own words). */
export interface ReceiptFact {
  label: string;
  value: string;
  lang?: Locale;
}

/**
 * Everything a submission holds, as its author reads it back (issue 17, item 2): only for the holder
 * of its private link — the page, the receipt email and the PDF copy all show this, and only this.
 */
export interface ReceiptView {
  reference: string;
  consultation: string;
  facts: ReceiptFact[];
  /** The proposal's title, when it has one. */
  title: ReceiptFact | null;
  text: ReceiptFact;
  answers: Array<{ question: string; text: string; lang: Locale }>;
  attachments: Array<{ name: string; size: string }>;
}

type OwnSubmissionRow = SubmissionFormFields & Pick<Database["submissions"], "topic_id">;

/** The receipt of a submission, in the reader's language (the person's own words stay in theirs). */
export async function receiptView(db: Kysely<Database>, reference: string, locale: Locale): Promise<ReceiptView | null> {
  const row = await db.selectFrom("submissions").selectAll().where("reference", "=", reference).executeTakeFirst();
  if (!row) return null;
  return buildReceipt(db, row, locale);
}

async function buildReceipt(db: Kysely<Database>, s: OwnSubmissionRow & { id: number; reference: string }, locale: Locale): Promise<ReceiptView> {
  const t = getT(locale);
  const [titles, answers, questionTexts, attachments, parties] = await Promise.all([
    db.selectFrom("topic_translations").select(["locale", "title"]).where("topic_id", "=", s.topic_id).execute(),
    db
      .selectFrom("submission_answers as a")
      .innerJoin("topic_questions as q", "q.id", "a.question_id")
      .select(["a.question_id", "a.text"])
      .where("a.submission_id", "=", s.id)
      .orderBy("q.position")
      .execute(),
    db
      .selectFrom("topic_question_translations as qt")
      .innerJoin("topic_questions as q", "q.id", "qt.question_id")
      .select(["qt.question_id", "qt.locale", "qt.text"])
      .where("q.topic_id", "=", s.topic_id)
      .execute(),
    db.selectFrom("submission_attachments").select(["file_name", "size"]).where("submission_id", "=", s.id).orderBy("id").execute(),
    listParties(db, locale),
  ]);
  const regionName =
    s.region_code && s.country !== "other" ? ((await listRegions(db, s.country, locale)).find((r) => r.code === s.region_code)?.name ?? s.region_code) : null;
  const countryName = s.country === "other" ? t("submission.otherCountry") : (parties.find((p) => p.code === s.country)?.name ?? s.country);
  const fact = (key: string, value: string | null | undefined, lang?: Locale): ReceiptFact[] =>
    value ? [{ label: t(`receipt.fields.${key}` as never), value, ...(lang ? { lang } : {}) }] : [];
  const facts: ReceiptFact[] = [
    ...fact("kind", t(`submission.choices.kind.${s.kind}`)),
    ...fact("onBehalf", t(`submission.choices.onBehalf.${s.on_behalf}`)),
    ...fact("stakeholderType", t(`submission.choices.stakeholderType.${s.stakeholder_type}` as never)),
    ...fact("stakeholderOther", s.stakeholder_other),
    ...fact("organisationName", s.organisation_name),
    ...fact("organisationSize", s.organisation_size && t(`submission.choices.organisationSize.${s.organisation_size}` as never)),
    ...fact("womenLed", s.women_led && t(`submission.choices.womenLed.${s.women_led}`)),
    ...fact("country", countryName),
    ...fact("region", regionName),
    ...fact("contact", `${s.contact_name} (${s.contact_email})`),
    ...fact("language", t(`languages.${s.language}`)),
    ...fact("publication", t(`submission.choices.publication.${s.publication}`)),
  ];
  return {
    reference: s.reference,
    consultation: pickTranslation(titles, locale)?.title ?? "",
    facts,
    title: s.title ? { label: t("receipt.fields.title"), value: s.title, lang: s.language } : null,
    text: { label: t("receipt.fields.text"), value: s.body, lang: s.language },
    answers: answers.map((a) => ({
      question:
        pickTranslation(
          questionTexts.filter((q) => q.question_id === a.question_id),
          locale,
        )?.text ?? "",
      text: a.text,
      lang: s.language,
    })),
    attachments: attachments.map((a) => ({ name: a.file_name, size: formatSize(a.size, locale) })),
  };
}

/** The receipt as plain lines, for the email's text part. */
export function receiptAsText(view: ReceiptView, locale: Locale): string {
  const t = getT(locale);
  const line = (label: string, value: string) => t("receipt.line", { label, value });
  const lines: string[] = [line(t("receipt.fields.consultation"), view.consultation), ...view.facts.map((f) => line(f.label, f.value))];
  if (view.title) lines.push(line(view.title.label, view.title.value));
  lines.push("", t("receipt.line", { label: view.text.label, value: "" }).trimEnd(), view.text.value);
  if (view.answers.length) lines.push("", t("receipt.answers"));
  for (const a of view.answers) lines.push("", a.question, a.text);
  if (view.attachments.length) lines.push("", t("receipt.attachments"), ...view.attachments.map((a) => `- ${a.name} (${a.size})`));
  return lines.join("\n");
}
