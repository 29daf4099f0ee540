import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import { createSubmissionFor, createTopic } from "./factories";
import { submissionFormSchema } from "~/schemas/submission";
import { updateOwnSubmission } from "~/models/submissions.server";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { get } from "./helpers/http";
import { textOf } from "./helpers/page-text";
import { pdfTitleAndText } from "./helpers/pdf-text";
import { startServer, type RunningServer } from "./helpers/server";

/*
 * The complete receipt (issue 17, item 2): the private link's page and the receipt email name the
 * consultation and give back everything received, translated; a wrong token shows only the status.
 */

let t: TestDatabase;
let server: RunningServer;
let own: { reference: string; token: string | null; id: number };
let questionIds: number[];

beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
  const topic = await createTopic(t.db, {
    party: "CA",
    translations: { en: { title: "Care work and trade" }, fr: { title: "Travail de soin et commerce" }, es: { title: "Trabajo de cuidados y comercio" } },
    questions: [
      { en: "What barriers do you face?", fr: "Quels obstacles rencontrez-vous ?", es: "¿Qué obstáculos enfrenta?" },
      { en: "What should change?", fr: "Que faudrait-il changer ?", es: "¿Qué debería cambiar?" },
    ],
  });
  questionIds = (await t.db.selectFrom("topic_questions").select("id").where("topic_id", "=", topic.id).orderBy("position").execute()).map((q) => q.id);
  own = await createSubmissionFor(t.db, {
    topicSlug: topic.slug,
    values: {
      kind: "proposal",
      onBehalf: "organisation",
      stakeholderType: "other",
      stakeholderOther: "Weavers' cooperative",
      organisationName: "Tejedoras del Sur",
      womenLed: "yes",
      country: "CA",
      region: "CA-QC",
      contactName: "Marie Tremblay",
      contactEmail: "marie.receipt@example.ca",
      title: "Childcare at the border",
      body: "First paragraph of my text.\n\nSecond paragraph, unique-body-marker.",
      language: "fr",
      publication: "named",
    },
  });
  await t.db
    .insertInto("submission_answers")
    .values([
      { submission_id: own.id, question_id: questionIds[1]!, text: "Answer two, unique-answer-marker." },
      { submission_id: own.id, question_id: questionIds[0]!, text: "Answer one: no daycare." },
    ])
    .execute();
  await t.db
    .insertInto("submission_attachments")
    .values({
      submission_id: own.id,
      file_key: "k/brief",
      file_name: "our-brief.pdf",
      size: 1_500_000,
      sha256: "0".repeat(64),
      kind: "pdf",
      created_at: new Date().toISOString(),
    })
    .execute();
  server = await startServer(t.env);
});
afterAll(async () => {
  await server?.stop();
  await t?.destroy();
});

const receipt = async (locale: string, token: string) => {
  const res = await get(server.url, `/${locale}/submissions/${own.reference}?${new URLSearchParams({ token })}`);
  expect(res.status).toBe(200);
  return textOf(await res.text());
};

describe("the receipt through the private link", () => {
  it("names the consultation and shows everything received, in English", async () => {
    const text = await receipt("en", own.token!);
    for (const expected of [
      "Care work and trade",
      "A proposal",
      "On behalf of an organisation",
      "Other",
      "Weavers' cooperative",
      "Tejedoras del Sur",
      "Led or owned by women Yes",
      "Canada",
      "Quebec",
      "Marie Tremblay (marie.receipt@example.ca)",
      "Language of the text French",
      "Publish it with my name and organisation",
      "Childcare at the border",
      "Your text",
      "First paragraph of my text.",
      "unique-body-marker",
      "What barriers do you face? Answer one: no daycare.",
      "What should change? Answer two, unique-answer-marker.",
      "our-brief.pdf (1.5 MB)",
    ]) {
      expect(text).toContain(expected);
    }
    // In the order the topic asks its questions.
    expect(text.indexOf("What barriers")).toBeLessThan(text.indexOf("What should change"));
  });

  it("translates the labels, the choices and the questions in French and Spanish", async () => {
    const fr = await receipt("fr", own.token!);
    for (const expected of ["Travail de soin et commerce", "Une proposition", "Quels obstacles rencontrez-vous ?", "Langue du texte", "Québec"]) {
      expect(fr).toContain(expected);
    }
    const es = await receipt("es", own.token!);
    for (const expected of ["Trabajo de cuidados y comercio", "¿Qué obstáculos enfrenta?", "Idioma del texto", "francés"]) {
      expect(es).toContain(expected);
    }
  });

  it("shows nothing of the submission to a wrong token, only its status", async () => {
    const text = await receipt("en", "x".repeat(43));
    expect(text).toContain("This private link is not right");
    for (const secret of [
      "unique-body-marker",
      "unique-answer-marker",
      "marie.receipt@example.ca",
      "Tejedoras del Sur",
      "our-brief.pdf",
      "Childcare at the border",
    ]) {
      expect(text).not.toContain(secret);
    }
    const none = textOf(await (await get(server.url, `/en/submissions/${own.reference}`)).text());
    expect(none).not.toContain("unique-body-marker");
  });

  it("puts the same complete receipt in the email, with the token masked in the outbox", async () => {
    const mail = await t.db
      .selectFrom("outbox")
      .select(["text_body", "html_body", "locale"])
      .where("kind", "=", "submission_receipt")
      .where("to_address", "=", "marie.receipt@example.ca")
      .executeTakeFirstOrThrow();
    for (const expected of [
      "Consultation: Care work and trade",
      "Kind: A proposal",
      "Organisation: Tejedoras del Sur",
      "Province, territory or region: Quebec",
      "Publication: Publish it with my name and organisation",
      "Second paragraph, unique-body-marker.",
    ]) {
      expect(mail.text_body).toContain(expected);
    }
    expect(mail.html_body).toContain("Tejedoras del Sur");
    expect(mail.text_body).not.toContain(own.token!);
  });
});

describe("the PDF copy of one's own submission", () => {
  const pdfPath = (locale: string, token: string) => `/${locale}/submissions/${own.reference}/receipt.pdf?${new URLSearchParams({ token })}`;

  it("is offered on the receipt and downloads a tagged PDF with the reference, the title and the text", async () => {
    const page = await (await get(server.url, `/en/submissions/${own.reference}?${new URLSearchParams({ token: own.token! })}`)).text();
    expect(page).toContain(`/en/submissions/${own.reference}/receipt.pdf?token=`);
    const res = await get(server.url, pdfPath("en", own.token!));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="CA-\d{4}-\d{5}\.pdf"$/);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const raw = pdf.toString("latin1");
    expect(raw).toContain("/MarkInfo");
    expect(raw).toContain("/StructTreeRoot");
    expect(raw).toMatch(/\/Lang \(en\)/);
    const text = await pdfTitleAndText(pdf);
    for (const expected of [
      `Copy of submission ${own.reference}`,
      "Care work and trade",
      own.reference,
      "Received",
      "Childcare at the border",
      "unique-body-marker",
      "What barriers do you face?",
      "unique-answer-marker",
      "our-brief.pdf",
      "Tejedoras del Sur",
    ]) {
      expect(text).toContain(expected);
    }
  });

  it("is in the page's language", async () => {
    const res = await get(server.url, pdfPath("es", own.token!));
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.toString("latin1")).toMatch(/\/Lang \(es\)/);
    const text = await pdfTitleAndText(pdf);
    expect(text).toContain(`Copia de la contribución ${own.reference}`);
    expect(text).toContain("Trabajo de cuidados y comercio");
  });

  it("is a 404 to a wrong or missing token", async () => {
    for (const token of ["x".repeat(43), ""]) {
      const res = await get(server.url, pdfPath("en", token));
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain("unique-body-marker");
    }
  });
});

describe("an edit through the private link", () => {
  it("emails the person what is now recorded, at the old address too when it changed", async () => {
    const topic = await createTopic(t.db, { party: "CL", translations: { en: { title: "Ports" }, es: { title: "Puertos" } } });
    const mine = await createSubmissionFor(t.db, { topicSlug: topic.slug, locale: "es", values: { contactEmail: "before-edit@example.cl" } });
    const { version } = await t.db.selectFrom("submissions").select("version").where("id", "=", mine.id).executeTakeFirstOrThrow();
    const values = submissionFormSchema.parse({
      kind: "proposal",
      onBehalf: "self",
      stakeholderType: "individual",
      country: "CL",
      contactName: "Ana",
      contactEmail: "after-edit@example.cl",
      title: "Edited title",
      body: "The edited text, edit-marker.",
      language: "es",
      publication: "anonymous",
      privacy: "on",
    });
    await updateOwnSubmission(t.db, mine.reference, mine.token!, values, version);
    const mails = await t.db.selectFrom("outbox").select(["to_address", "subject", "text_body", "locale"]).where("kind", "=", "submission_updated").execute();
    expect(mails.map((m) => m.to_address).sort()).toEqual(["after-edit@example.cl", "before-edit@example.cl"]);
    for (const m of mails) {
      expect(m.locale).toBe("es");
      expect(m.subject).toContain(mine.reference);
      expect(m.text_body).toContain("The edited text, edit-marker.");
      expect(m.text_body).toContain("Consulta: Puertos");
      expect(m.text_body).not.toContain(mine.token!);
    }
  });
});
