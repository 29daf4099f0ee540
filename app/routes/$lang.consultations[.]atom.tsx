import type { LoaderFunctionArgs } from "@remix-run/node";
import { listTopicsForApi, pickTranslation } from "~/models/topics.server";
import { db } from "~/utils/db.server";
import { publicUrl } from "~/utils/env.server";
import { localeAndT } from "~/utils/locale.server";
import { escapeHtml } from "~/utils/mail.server";
import type { Locale } from "~/i18n";

/** Characters XML 1.0 does not allow: one of them would make the whole feed unreadable. */
const NOT_XML = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/** Escaped for XML, without the characters XML cannot hold (texts saved before they were cleaned). */
const xml = (text: string) => escapeHtml(text.replace(NOT_XML, ""));

/** An Atom feed of published consultations in one language, newest first. */
export async function loader({ params }: LoaderFunctionArgs) {
  const { locale, t } = await localeAndT(params);
  const base = publicUrl();
  const topics = (await listTopicsForApi(db)).filter((topic) => topic.status !== "archived");
  const updated = topics.reduce((max, topic) => (topic.updatedAt > max ? topic.updatedAt : max), "1970-01-01T00:00:00.000Z");
  const entries = topics.map((topic) => {
    const rows = Object.entries(topic.translations).map(([l, text]) => ({ locale: l as Locale, ...text }));
    const text = pickTranslation(rows, locale)!;
    const link = `${base}/${locale}/consultations/${topic.slug}`;
    return `  <entry>
    <id>${xml(link)}</id>
    <title xml:lang="${text.locale}">${xml(text.title)}</title>
    <link rel="alternate" type="text/html" href="${xml(link)}"/>
    <published>${topic.createdAt}</published>
    <updated>${topic.updatedAt}</updated>
    <category term="${topic.party}" label="${xml(t(`admin.parties.${topic.party === "CL" ? "CL" : "CA"}`))}"/>
    <summary xml:lang="${text.locale}">${xml(text.summary)}</summary>
  </entry>`;
  });
  const body = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${locale}">
  <id>${xml(`${base}/${locale}/consultations`)}</id>
  <title>${xml(`Puente · ${t("consultations.title")}`)}</title>
  <subtitle>${xml(t("consultations.intro"))}</subtitle>
  <link rel="self" type="application/atom+xml" href="${xml(`${base}/${locale}/consultations.atom`)}"/>
  <link rel="alternate" type="text/html" href="${xml(`${base}/${locale}/consultations`)}"/>
  <updated>${updated}</updated>
  <author><name>Puente</name></author>
${entries.join("\n")}
</feed>
`;
  return new Response(body, { headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "public, max-age=300" } });
}
