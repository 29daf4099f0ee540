import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import type { Actor } from "~/utils/permissions";
import { listQueue, ModerationConflict, ModerationRefused, moderate, moderateMany, getForModeration, campaignSuggestions } from "~/models/moderation.server";
import { ForbiddenError } from "~/models/errors";
import { queueFiltersSchema } from "~/schemas/moderation";
import { updateOwnSubmission } from "~/models/submissions.server";
import { submissionFormSchema } from "~/schemas/submission";
import { createOfficial, createSubmissionFor, createTopic, sessionCookieFor } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { get, postForm } from "./helpers/http";
import { lastQueuedEmailTo } from "./helpers/mail";
import { startServer, type RunningServer } from "./helpers/server";

let t: TestDatabase;
let server: RunningServer;
let modCA: Actor;
let modCA2: Actor;
let modCL: Actor;
let admin: Actor;
let cookieCA = "";
let cookieCL = "";
let topicCA = { id: 0, slug: "" };
let topicCL = { id: 0, slug: "" };
let themeCA = 0;
let themeCL = 0;

const filters = (extra: Record<string, string> = {}) => queueFiltersSchema.parse(extra);
const row = (reference: string) => t.db.selectFrom("submissions").selectAll().where("reference", "=", reference).executeTakeFirstOrThrow();
const lastEmailTo = (address: string) => lastQueuedEmailTo(t.db, address);

beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
  const officials = await Promise.all([
    createOfficial(t.db, { role: "moderator", party: "CA" }),
    createOfficial(t.db, { role: "moderator", party: "CA" }),
    createOfficial(t.db, { role: "moderator", party: "CL" }),
    createOfficial(t.db, { role: "admin" }),
  ]);
  [modCA, modCA2, modCL, admin] = officials.map((o) => o.actor) as [Actor, Actor, Actor, Actor];
  cookieCA = officials[0]!.cookie;
  cookieCL = officials[2]!.cookie;
  topicCA = await createTopic(t.db, { party: "CA", questions: [{ en: "What would help most?" }] });
  topicCL = await createTopic(t.db, { party: "CL" });
  const stamp = new Date().toISOString();
  themeCA = (
    await t.db
      .insertInto("themes")
      .values({ party_code: "CA", label_en: "Test data", label_fr: "Données test", label_es: "Datos prueba", created_at: stamp })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  themeCL = (
    await t.db
      .insertInto("themes")
      .values({ party_code: "CL", label_en: "Test mining", label_fr: "Mines test", label_es: "Minería prueba", created_at: stamp })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  server = await startServer(t.env);
});
afterAll(async () => {
  await server?.stop();
  await t?.destroy();
});

describe("decisions", () => {
  it("approves: status, history, and an email in the person's language with the public link", async () => {
    const s = await createSubmissionFor(t.db, { topicSlug: topicCA.slug, locale: "fr", values: { contactEmail: "marie@example.ca" } });
    await moderate(t.db, modCA, s.reference, { intent: "approve", version: 1, applyToCampaign: false });
    const after = await row(s.reference);
    expect(after.status).toBe("approved");
    expect(after.version).toBe(2);
    expect(after.decided_at).not.toBeNull();
    const events = await t.db.selectFrom("moderation_events").selectAll().where("submission_id", "=", s.id).execute();
    expect(events.map((e) => [e.action, e.actor_user_id, JSON.parse(e.before!), JSON.parse(e.after!)])).toEqual([
      ["approve", modCA.id, { status: "pending" }, { status: "approved" }],
    ]);
    const mail = await lastEmailTo("marie@example.ca");
    expect(mail.kind).toBe("submission_approved");
    expect(mail.locale).toBe("fr");
    expect(mail.subject).toContain(s.reference);
    expect(mail.subject).not.toMatch(/submission/i);
    expect(mail.text_body).toContain(`/fr/consultations/${topicCA.slug}/submissions/${s.reference}`);
  });

  it("rejects with a reason and a note, told to the person in their language", async () => {
    const s = await createSubmissionFor(t.db, { topicSlug: topicCA.slug, locale: "es", values: { contactEmail: "ana@example.cl" } });
    await moderate(t.db, modCA, s.reference, {
      intent: "reject",
      version: 1,
      reason: "third_party_data",
      note: "Quite el nombre de su colega.",
      applyToCampaign: false,
    });
    const after = await row(s.reference);
    expect([after.status, after.rejection_reason, after.rejection_note]).toEqual(["rejected", "third_party_data", "Quite el nombre de su colega."]);
    const mail = await lastEmailTo("ana@example.cl");
    expect(mail.kind).toBe("submission_rejected");
    expect(mail.locale).toBe("es");
    expect(mail.text_body).toContain("Quite el nombre de su colega.");
    expect(mail.text_body).not.toContain("third_party_data");
  });

  it("redacts: the original is kept, the published copy has markers, answers too", async () => {
    const question = await t.db.selectFrom("topic_questions").select("id").where("topic_id", "=", topicCA.id).executeTakeFirstOrThrow();
    const s = await createSubmissionFor(t.db, {
      topicSlug: topicCA.slug,
      values: { body: "My neighbour Jane Roe, 12 Elm St, agrees.\n\nWe need childcare.", [`answer_${question.id}`]: "Ask Jane Roe" },
    });
    await moderate(t.db, modCA, s.reference, {
      intent: "redact",
      version: 1,
      title: (await row(s.reference)).title ?? "",
      body: "My neighbour [[Jane Roe, 12 Elm St]], agrees.\n\nWe need childcare.",
      attachmentsPublic: false,
      answers: { [String(question.id)]: "Ask [[Jane Roe]]" },
    });
    const after = await row(s.reference);
    expect(after.body).toContain("Jane Roe");
    expect(after.published_body).toBe("My neighbour [[redacted]], agrees.\n\nWe need childcare.");
    expect(after.published_title).toBeNull();
    expect(after.attachments_public).toBe(0);
    const answer = await t.db.selectFrom("submission_answers").selectAll().where("submission_id", "=", s.id).executeTakeFirstOrThrow();
    expect([answer.text, answer.published_text]).toEqual(["Ask Jane Roe", "Ask [[redacted]]"]);
    const event = await t.db.selectFrom("moderation_events").selectAll().where("submission_id", "=", s.id).executeTakeFirstOrThrow();
    expect(event.action).toBe("redact");
  });

  it("tags with the party's themes only, and translates", async () => {
    const s = await createSubmissionFor(t.db, { topicSlug: topicCA.slug });
    await moderate(t.db, modCA, s.reference, { intent: "tag", version: 1, themes: [themeCA] });
    await expect(moderate(t.db, modCA, s.reference, { intent: "tag", version: 2, themes: [themeCL] })).rejects.toBeInstanceOf(ModerationRefused);
    await moderate(t.db, modCA, s.reference, {
      intent: "translate",
      version: 2,
      translationLocale: "fr",
      translationTitle: "Proposition",
      translationBody: "Les femmes ont besoin de données.",
    });
    const view = await getForModeration(t.db, modCA, s.reference, "en");
    expect(view.themes.filter((th) => th.chosen).map((th) => th.id)).toEqual([themeCA]);
    expect(view.translations).toMatchObject([{ locale: "fr", title: "Proposition", body: "Les femmes ont besoin de données." }]);
    expect(view.history.map((e) => e.action)).toEqual(["tag", "translate"]);
  });

  it("the second of two officials acting on the same version is told, and nothing is overwritten", async () => {
    const s = await createSubmissionFor(t.db, { topicSlug: topicCA.slug });
    await moderate(t.db, modCA, s.reference, { intent: "approve", version: 1, applyToCampaign: false });
    await expect(
      moderate(t.db, modCA2, s.reference, { intent: "reject", version: 1, reason: "spam", note: "", applyToCampaign: false }),
    ).rejects.toBeInstanceOf(ModerationConflict);
    expect((await row(s.reference)).status).toBe("approved");
    expect(await t.db.selectFrom("moderation_events").select("action").where("submission_id", "=", s.id).execute()).toEqual([{ action: "approve" }]);
  });

  it("an edit by the person after the official opened it is a conflict too; a withdrawn one cannot be decided", async () => {
    const s = await createSubmissionFor(t.db, { topicSlug: topicCA.slug });
    const values = submissionFormSchema.parse({
      kind: "proposal",
      onBehalf: "self",
      stakeholderType: "individual",
      country: "CA",
      contactName: "P",
      contactEmail: "p@example.org",
      title: "New",
      body: "Changed text.",
      language: "en",
      publication: "anonymous",
      privacy: "on",
    });
    await updateOwnSubmission(t.db, s.reference, s.token!, values, 1);
    await expect(moderate(t.db, modCA, s.reference, { intent: "approve", version: 1, applyToCampaign: false })).rejects.toBeInstanceOf(ModerationConflict);
    await t.db.updateTable("submissions").set({ status: "withdrawn" }).where("id", "=", s.id).execute();
    await expect(moderate(t.db, modCA, s.reference, { intent: "approve", version: 2, applyToCampaign: false })).rejects.toMatchObject({ reason: "withdrawn" });
  });

  it("refuses another party's officials, and a committee member", async () => {
    const s = await createSubmissionFor(t.db, { topicSlug: topicCL.slug, values: { country: "CL" } });
    await expect(moderate(t.db, modCA, s.reference, { intent: "approve", version: 1, applyToCampaign: false })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getForModeration(t.db, modCA, s.reference, "en")).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      moderate(t.db, { id: 999, role: "committee", partyCode: "CL" }, s.reference, { intent: "approve", version: 1, applyToCampaign: false }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await moderate(t.db, modCL, s.reference, { intent: "approve", version: 1, applyToCampaign: false });
    expect((await row(s.reference)).status).toBe("approved");
  });
});

describe("campaigns", () => {
  it("finds the same letter signed by different people, groups it, decides it once, and takes in later copies", async () => {
    const topic = await createTopic(t.db, { party: "CA" });
    const letter =
      "We, workers of the garment sector, ask both governments to publish trade data by sex every year.\nThis is essential for fair policy on women and trade.";
    const copies = [];
    for (const name of ["Ana Pérez", "JOHN SMITH", "Marie Tremblay"]) {
      copies.push(
        await createSubmissionFor(t.db, {
          topicSlug: topic.slug,
          values: { title: "Data by sex", body: `Dear ministers,\n${letter.replace("essential", name === "JOHN SMITH" ? "ESSENTIAL" : "essential")}\n${name}` },
        }),
      );
    }
    const other = await createSubmissionFor(t.db, {
      topicSlug: topic.slug,
      values: { title: "Data by sex", body: "A different proposal altogether, about procurement rules for women-owned firms." },
    });
    const suggestions = await campaignSuggestions(t.db, modCA, "en");
    expect(suggestions).toContainEqual(expect.objectContaining({ reference: copies[0]!.reference, count: 3 }));
    await moderate(t.db, modCA, copies[1]!.reference, { intent: "campaign", version: 1 });
    const grouped = await t.db
      .selectFrom("submissions")
      .select(["reference", "campaign_id", "version"])
      .where("topic_id", "=", topic.id)
      .orderBy("id")
      .execute();
    const campaignId = grouped[0]!.campaign_id;
    expect(campaignId).not.toBeNull();
    expect(grouped.map((g) => g.campaign_id)).toEqual([campaignId, campaignId, campaignId, null]);
    expect(other.reference).toBe(grouped[3]!.reference);

    // A later copy joins on arrival only with the reviewed copy's very text; any other short
    // line (here a greeting and a signature) leaves it in the queue for review (docs/decisions/015).
    const late = await createSubmissionFor(t.db, { topicSlug: topic.slug, values: { title: "Data by sex", body: `Hello,\n${letter}\nPaula Díaz` } });
    expect((await row(late.reference)).campaign_id).toBeNull();
    const same = await createSubmissionFor(t.db, { topicSlug: topic.slug, values: { title: "Data by sex", body: (await row(copies[1]!.reference)).body } });
    expect((await row(same.reference)).campaign_id).toBe(campaignId);

    const before = await t.db
      .selectFrom("outbox")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    await moderate(t.db, modCA, copies[0]!.reference, { intent: "approve", version: grouped[0]!.version, applyToCampaign: true });
    const statuses = await t.db.selectFrom("submissions").select("status").where("campaign_id", "=", campaignId).execute();
    expect(statuses.map((s) => s.status)).toEqual(["approved", "approved", "approved", "approved"]);
    const afterCount = await t.db
      .selectFrom("outbox")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(afterCount.n) - Number(before.n)).toBe(4);
    expect((await row(other.reference)).status).toBe("pending");
    expect((await row(late.reference)).status).toBe("pending");
  });
});

describe("the queue", () => {
  it("shows only the moderator's party, oldest first, with counts; the cursor walks every row once", async () => {
    const topic = await createTopic(t.db, { party: "CA" });
    const base = Date.now() - 10 * 60_000;
    const made: string[] = [];
    for (let i = 0; i < 30; i++) made.push((await createSubmissionFor(t.db, { topicSlug: topic.slug, now: new Date(base + (i % 10) * 1000) })).reference);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listQueue(t.db, modCA, filters({ topic: String(topic.id), ...(cursor ? { cursor } : {}) }), "en");
      seen.push(...page.items.map((i) => i.reference));
      expect(page.counts.pending).toBe(30);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.sort()).toEqual([...made].sort());
    const first = await listQueue(t.db, modCA, filters({ topic: String(topic.id) }), "en");
    const times = first.items.map((i) => i.created_at);
    expect(times).toEqual([...times].sort());
    const cl = await listQueue(t.db, modCL, filters({ topic: String(topic.id) }), "en");
    expect(cl.items).toEqual([]);
  });

  it("filters and searches the full text, ignoring accents and case", async () => {
    const topic = await createTopic(t.db, { party: "CA" });
    const a = await createSubmissionFor(t.db, {
      topicSlug: topic.slug,
      values: { body: "Las mujeres en la MINERÍA necesitan guarderías.", language: "es", stakeholderType: "ngo" },
    });
    await createSubmissionFor(t.db, { topicSlug: topic.slug, values: { body: "Clean technology jobs for women.", organisationName: "Mineria Futura Coop" } });
    await createSubmissionFor(t.db, { topicSlug: topic.slug, values: { body: "Unrelated text about procurement." } });
    const search = async (q: string, extra: Record<string, string> = {}) =>
      (await listQueue(t.db, modCA, filters({ topic: String(topic.id), q, ...extra }), "en")).items.map((i) => i.reference).sort();
    expect((await search("mineria")).length).toBe(2);
    expect(await search("mineria", { language: "es" })).toEqual([a.reference]);
    expect(await search("guarderia")).toEqual([a.reference]);
    expect(await search("mine", { stakeholderType: "ngo" })).toEqual([a.reference]);
    expect(await search('"; drop table submissions; --')).toEqual([]);
    expect(await search("procurement")).toHaveLength(1);
  });

  it("bulk decisions report what changed meanwhile and refuse another party's ids", async () => {
    const topic = await createTopic(t.db, { party: "CA" });
    const s1 = await createSubmissionFor(t.db, { topicSlug: topic.slug });
    const s2 = await createSubmissionFor(t.db, { topicSlug: topic.slug });
    await moderate(t.db, modCA2, s2.reference, { intent: "tag", version: 1, themes: [themeCA] });
    const outcome = await moderateMany(
      t.db,
      modCA,
      [
        { id: s1.id, version: 1 },
        { id: s2.id, version: 1 },
      ],
      { intent: "reject", reason: "spam" },
    );
    expect(outcome).toEqual({ done: 1, conflicts: [s2.reference], refused: [] });
    const cl = await createSubmissionFor(t.db, { topicSlug: topicCL.slug, values: { country: "CL" } });
    await expect(moderateMany(t.db, modCA, [{ id: cl.id, version: 1 }], { intent: "approve" })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await row(cl.reference)).status).toBe("pending");
    expect((await listQueue(t.db, admin, filters({ topic: String(topicCL.id) }), "en")).items.length).toBeGreaterThan(0);
  });
});

describe("through the real server", () => {
  it("a Canadian moderator reads, approves, and sees the history; a Chilean one is refused, even by tampering", async () => {
    const s = await createSubmissionFor(t.db, { topicSlug: topicCA.slug, values: { contactEmail: "visible-to-officials@example.org" } });
    const page = await get(server.url, `/en/admin/submissions/${s.reference}`, cookieCA);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("visible-to-officials@example.org");
    expect((await get(server.url, `/en/admin/submissions/${s.reference}`, cookieCL)).status).toBe(403);
    expect((await postForm(server.url, `/en/admin/submissions/${s.reference}`, { intent: "approve", version: "1" }, { cookie: cookieCL })).status).toBe(403);
    expect((await postForm(server.url, `/en/admin/submissions`, { intent: "bulk-approve", selected: [`${s.id}:1`] }, { cookie: cookieCL })).status).toBe(403);
    expect(
      (await postForm(server.url, `/en/admin/submissions/${s.reference}`, { intent: "approve", version: "1" }, { cookie: cookieCA, csrf: null })).status,
    ).toBe(403);
    expect((await row(s.reference)).status).toBe("pending");

    const ok = await postForm(server.url, `/en/admin/submissions/${s.reference}`, { intent: "approve", version: "1" }, { cookie: cookieCA });
    expect(ok.status).toBe(302);
    // On to the next submission of the queue (ADR 042), saying which one was decided.
    expect(ok.headers.get("location")).toMatch(new RegExp(`^/en/admin/submissions(/CA-[\\d-]+)?\\?saved=approve&decided=${s.reference}$`));
    const stale = await postForm(
      server.url,
      `/fr/admin/submissions/${s.reference}`,
      { intent: "reject", version: "1", reason: "spam", confirm: "on" },
      { cookie: cookieCA },
    );
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain("a changé depuis");
    const missing = await postForm(
      server.url,
      `/en/admin/submissions/${s.reference}`,
      { intent: "reject", version: "2", note: "kept note" },
      { cookie: cookieCA },
    );
    expect(missing.status).toBe(400);
    const body = await missing.text();
    expect(body).toContain("Choose a reason.");
    expect(body).toContain("kept note");
    const history = await (await get(server.url, `/es/admin/submissions/${s.reference}`, cookieCA)).text();
    expect(history).toContain("Aprobado");

    // The open-data list counts what may be published, and only that.
    await createSubmissionFor(t.db, { topicSlug: topicCA.slug, values: { publication: "officials" } }).then((o) =>
      moderate(t.db, modCA, o.reference, { intent: "approve", version: 1, applyToCampaign: false }),
    );
    const expected = await t.db
      .selectFrom("submissions")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("topic_id", "=", topicCA.id)
      .where("status", "=", "approved")
      .where("publication", "!=", "officials")
      .executeTakeFirstOrThrow();
    const api = (await (await get(server.url, "/api/v1/topics")).json()) as { topics: Array<{ slug: string; publishedSubmissions: number }> };
    expect(api.topics.find((x) => x.slug === topicCA.slug)?.publishedSubmissions).toBe(Number(expected.n));
    expect(Number(expected.n)).toBeGreaterThan(0);
  });

  it("the queue lists, filters and bulk-approves through the form", async () => {
    const topic = await createTopic(t.db, { party: "CA" });
    const s = await createSubmissionFor(t.db, { topicSlug: topic.slug, values: { body: "Unique quokka text for the queue." } });
    const list = await get(server.url, `/en/admin/submissions?q=quokka`, cookieCA);
    expect(list.status).toBe(200);
    expect(await list.text()).toContain(s.reference);
    const res = await postForm(server.url, `/en/admin/submissions?q=quokka`, { intent: "bulk-approve", selected: [`${s.id}:1`] }, { cookie: cookieCA });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toContain("done=1");
    expect((await row(s.reference)).status).toBe("approved");
    const none = await postForm(server.url, `/en/admin/submissions`, { intent: "bulk-reject" }, { cookie: cookieCA });
    expect(none.status).toBe(400);
    expect(await none.text()).toContain("Select at least one submission.");
  });
});

describe("times", () => {
  it("are written in the reader's country's time zone, named: officials in theirs, an administrator in UTC, the public in the consultation's", async () => {
    const ca = await createSubmissionFor(t.db, { topicSlug: topicCA.slug, values: { country: "CA" } });
    const cl = await createSubmissionFor(t.db, { topicSlug: topicCL.slug, values: { country: "CL" } });
    // 15:30 UTC in January: 10:30 in Ottawa (UTC−5), 12:30 in Santiago (summer time, UTC−3).
    await t.db.updateTable("submissions").set({ created_at: "2026-01-15T15:30:00.000Z" }).where("reference", "in", [ca.reference, cl.reference]).execute();
    const page = async (path: string, cookie?: string) => (await (await get(server.url, path, cookie)).text()).replace(/<!-- -->/g, "");
    expect(await page(`/en/admin/submissions/${ca.reference}`, cookieCA)).toMatch(/10:30 \(Ottawa time\)/);
    expect(await page(`/es/admin/submissions/${cl.reference}`, cookieCL)).toMatch(/12:30 \(hora de Santiago\)/);
    const adminCookie = await sessionCookieFor(t.db, admin.id);
    expect(await page(`/en/admin/submissions/${cl.reference}`, adminCookie)).toMatch(/15:30 \(UTC\)/);
    expect(await page(`/fr/submissions/${cl.reference}`)).toMatch(/12 h 30 \(heure de Santiago\)/);
  });
});
