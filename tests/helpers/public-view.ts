import { Writable } from "node:stream";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { writeSummaryJson } from "~/exports/summary-json.server";
import { getPublishedSubmission, listPublishedSubmissions, listPublishedSubmissionsForApi } from "~/models/published-submissions.server";
import { buildSummary } from "~/models/summaries.server";

/** One submission as some public surface shows it. */
export interface PublicRecord {
  surface: "list" | "page" | "api" | "summary";
  reference: string;
  title: string | null;
  /** The whole text shown (the list shows an excerpt of it). */
  text: string;
  author: string | null;
  organisation: string | null;
  campaignSenders: number | null;
  answers: string[];
  translations: string[];
}

/**
 * Everything the public can read of a topic's submissions: the topic page's list (every page),
 * each submission's page, the open-data API (every page) and the public summary in JSON.
 * `blob` is all of it as one string, to look for text that must not be there.
 */
export async function publicView(db: Kysely<Database>, topic: { id: number; slug: string }) {
  const records: PublicRecord[] = [];
  const chunks: string[] = [];
  for (let page = 1; ; page++) {
    const list = await listPublishedSubmissions(db, topic.slug, "en", { page });
    chunks.push(JSON.stringify(list));
    for (const s of list.submissions) {
      records.push({
        surface: "list",
        reference: s.reference,
        title: s.title,
        text: s.excerpt,
        author: s.byline.author,
        organisation: s.byline.organisation,
        campaignSenders: s.campaignSenders,
        answers: [],
        translations: [],
      });
    }
    if (page >= list.pages) break;
  }
  const references = await db.selectFrom("submissions").select("reference").where("topic_id", "=", topic.id).orderBy("id").execute();
  for (const { reference } of references) {
    const s = await getPublishedSubmission(db, topic.slug, reference, "en");
    if (!s) continue;
    chunks.push(JSON.stringify(s));
    records.push({
      surface: "page",
      reference,
      title: s.title,
      text: s.text,
      author: s.byline.author,
      organisation: s.byline.organisation,
      campaignSenders: s.campaignSenders,
      answers: s.answers.map((a) => a.text),
      translations: s.translations.map((tr) => `${tr.title ?? ""}\n${tr.text}`),
    });
  }
  for (let page = 1; ; page++) {
    const api = await listPublishedSubmissionsForApi(db, topic.slug, { page }, "https://puente.test");
    chunks.push(JSON.stringify(api));
    for (const s of api.submissions) {
      records.push({
        surface: "api",
        reference: s.reference,
        title: s.title,
        text: s.text,
        author: "author" in s ? (s.author as string) : null,
        organisation: "organisation" in s ? (s.organisation as string) : null,
        campaignSenders: s.campaignSenders,
        answers: s.answers.map((a) => a.text),
        translations: s.translations.map((tr) => `${tr.title ?? ""}\n${tr.text}`),
      });
    }
    if (page >= api.pages) break;
  }
  const summary = await buildSummary(db, { scope: { kind: "topic", topicId: topic.id }, edition: "public", locale: "en" });
  let json = "";
  const out = new Writable({
    write(chunk, _encoding, done) {
      json += String(chunk);
      done();
    },
  });
  await writeSummaryJson(summary, out);
  chunks.push(json);
  const doc = JSON.parse(json) as {
    submissions: Array<{
      reference: string;
      title: string | null;
      text: string;
      author: string | null;
      organisation: string | null;
      campaign: { senders: number } | null;
      answers: Array<{ text: string }>;
      translation: { title: string | null; text: string } | null;
    }>;
  };
  for (const s of doc.submissions) {
    records.push({
      surface: "summary",
      reference: s.reference,
      title: s.title,
      text: s.text,
      author: s.author,
      organisation: s.organisation,
      campaignSenders: s.campaign?.senders ?? null,
      answers: s.answers.map((a) => a.text),
      translations: s.translation ? [`${s.translation.title ?? ""}\n${s.translation.text}`] : [],
    });
  }
  return { records, blob: chunks.join("\n") };
}
