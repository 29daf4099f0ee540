import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import { getForModeration, moderate } from "~/models/moderation.server";
import { getOwnSubmission, submissionFormValues, updateOwnSubmission, withdrawOwnSubmission } from "~/models/submissions.server";
import { changeTopicState, getTopicForm, saveTopic } from "~/models/topic-admin.server";
import { getPublicTopic } from "~/models/topics.server";
import { submissionFormSchema } from "~/schemas/submission";
import { topicFormSchema } from "~/schemas/topic";
import type { Actor } from "~/utils/permissions";
import { createSubmissionFor, createUser, sessionCookieFor } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { get, postForm } from "./helpers/http";
import { startServer, type RunningServer } from "./helpers/server";

// Issue 13, "Data loss": nothing a person sent is lost to an official's edit or to a race.

let t: TestDatabase;
let server: RunningServer;
let by: { id: number; email: string; actor: Actor };
let modCA: Actor;
let areaId: number;

beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
  const admin = await createUser(t.db, { role: "admin" });
  by = { id: admin.id, email: admin.email, actor: { id: admin.id, role: "admin", partyCode: null } };
  const mod = await createUser(t.db, { role: "moderator", party: "CA" });
  modCA = { id: mod.id, role: "moderator", partyCode: "CA" };
  areaId = (await t.db.selectFrom("workplan_areas").select("id").where("number", "=", 3).executeTakeFirstOrThrow()).id;
  server = await startServer({ ...t.env, SUBMISSION_MIN_FILL_SECONDS: "0", SUBMISSION_RATE_LIMIT: "0" });
});
afterAll(async () => {
  await server?.stop();
  await t?.destroy();
});

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const questionsOf = (topicId: number) =>
  t.db.selectFrom("topic_questions").select(["id", "position"]).where("topic_id", "=", topicId).orderBy("position").execute();
const answersOf = (submissionIds: number[]) =>
  t.db
    .selectFrom("submission_answers")
    .select(["submission_id", "question_id", "text"])
    .where("submission_id", "in", submissionIds)
    .orderBy("submission_id")
    .orderBy("question_id")
    .execute();
/** Saves the topic exactly as its edit form shows it, after `change`. */
async function saveAsShown(topicId: number, change: (values: Record<string, unknown>) => void = () => {}) {
  const { values } = await getTopicForm(t.db, by.actor, topicId);
  const edited = { ...values } as Record<string, unknown>;
  change(edited);
  await saveTopic(t.db, by, topicId, topicFormSchema.parse(edited));
}

describe("1. saving a topic keeps the public's answers to its guiding questions", () => {
  it("keeps answers on a no-change save and a rename, retires an answered question, deletes an unanswered one", async () => {
    const topicId = await saveTopic(
      t.db,
      by,
      undefined,
      topicFormSchema.parse({
        partyCode: "CA",
        areaId: String(areaId),
        slug: "answers-survive-edits",
        opensDate: inDays(-1),
        opensTime: "09:00",
        closesDate: inDays(30),
        closesTime: "23:59",
        en_title: "Answers survive edits",
        en_summary: "A topic whose questions are edited.",
        en_body: "Body.",
        q0_en: "Question one?",
        q0_fr: "Question un ?",
        q1_en: "Question two?",
        q2_en: "Question three?",
      }),
    );
    await changeTopicState(t.db, by, topicId, "publish");
    const [q0, q1, q2] = (await questionsOf(topicId)).map((q) => q.id) as [number, number, number];
    const slug = "answers-survive-edits";
    const people = [];
    for (const n of [1, 2]) {
      people.push(
        await createSubmissionFor(t.db, {
          topicSlug: slug,
          values: { [`answer_${q0}`]: `one ${n}`, [`answer_${q1}`]: `two ${n}`, [`answer_${q2}`]: `three ${n}` },
        }),
      );
    }
    const ids = people.map((p) => p.id);
    const before = await answersOf(ids);
    expect(before).toHaveLength(6);

    // A save that changes nothing keeps every question and every answer — through the real form,
    // which carries each question's id.
    const cookie = await sessionCookieFor(t.db, by.id);
    const formPage = await (await get(server.url, `/en/admin/topics/${topicId}`, cookie)).text();
    expect(formPage).toContain(`name="q0_id" value="${q0}"`);
    const { values: shownValues } = await getTopicForm(t.db, by.actor, topicId);
    const posted = Object.fromEntries(
      Object.entries(shownValues)
        .map(([k, v]) => [k, v === true ? "on" : String(v)])
        .filter(([, v]) => v !== "false"),
    );
    expect((await postForm(server.url, `/en/admin/topics/${topicId}`, { ...posted, intent: "save" }, { cookie })).status).toBe(302);
    expect((await questionsOf(topicId)).map((q) => q.id)).toEqual([q0, q1, q2]);
    expect(await answersOf(ids)).toEqual(before);
    await saveAsShown(topicId);
    expect((await questionsOf(topicId)).map((q) => q.id)).toEqual([q0, q1, q2]);
    expect(await answersOf(ids)).toEqual(before);

    // Rewording a question keeps its identity and its answers.
    await saveAsShown(topicId, (v) => (v.q0_en = "Question one, reworded?"));
    expect((await questionsOf(topicId)).map((q) => q.id)).toEqual([q0, q1, q2]);
    expect(await answersOf(ids)).toEqual(before);
    const text = await t.db
      .selectFrom("topic_question_translations")
      .select("text")
      .where("question_id", "=", q0)
      .where("locale", "=", "en")
      .executeTakeFirstOrThrow();
    expect(text.text).toBe("Question one, reworded?");

    // Removing an answered question retires it: gone from the form, its answers kept and shown to officials.
    await saveAsShown(topicId, (v) => (v.q1_en = ""));
    const retired = await t.db.selectFrom("topic_questions").selectAll().where("id", "=", q1).executeTakeFirst();
    expect(retired).toBeDefined();
    expect(await answersOf(ids)).toEqual(before);
    const publicTopic = (await getPublicTopic(t.db, slug, "en"))!;
    expect(publicTopic.questions.map((q) => q.id)).toEqual([q0, q2]);
    const edit = await getTopicForm(t.db, by.actor, topicId);
    expect(Object.values(edit.values)).not.toContain("Question two?");
    const view = await getForModeration(t.db, modCA, people[0]!.reference, "en");
    expect(view.answers.map((a) => [a.question, a.text])).toEqual([
      ["Question one, reworded?", "one 1"],
      ["Question three?", "three 1"],
      ["Question two?", "two 1"],
    ]);
    // No new answers to a retired question.
    const late = await createSubmissionFor(t.db, { topicSlug: slug, values: { [`answer_${q1}`]: "late", [`answer_${q2}`]: "three late" } });
    expect((await answersOf([late.id])).map((a) => a.question_id)).toEqual([q2]);
    // The person editing their pending submission does not lose the answer they gave to it.
    const own = (await getOwnSubmission(t.db, people[1]!.reference, people[1]!.token!))!;
    // As the edit form sends it: only the questions still asked.
    const shown = submissionFormValues(own.submission, { answers: own.answers });
    delete shown[`answer_${q1}`];
    const values = submissionFormSchema.parse({ ...shown, body: "Changed text.", [`answer_${q2}`]: "three 2, changed" });
    await updateOwnSubmission(t.db, people[1]!.reference, people[1]!.token!, values, own.submission.version);
    expect((await answersOf([people[1]!.id])).map((a) => [a.question_id, a.text])).toEqual([
      [q0, "one 2"],
      [q1, "two 2"],
      [q2, "three 2, changed"],
    ]);

    // A question nobody answered may really be deleted.
    await saveAsShown(topicId, (v) => (v.q2_en = "A new question?"));
    const added = (await questionsOf(topicId)).map((q) => q.id).find((id) => ![q0, q1, q2].includes(id))!;
    expect(added).toBeDefined();
    await saveAsShown(topicId, (v) => (v.q2_en = ""));
    expect(await t.db.selectFrom("topic_questions").select("id").where("id", "=", added).executeTakeFirst()).toBeUndefined();
    expect(await t.db.selectFrom("topic_questions").select("id").where("id", "=", q1).executeTakeFirst()).toBeDefined();
  });

  it("the database itself refuses to delete a question that has answers", async () => {
    const topicId = await saveTopic(
      t.db,
      by,
      undefined,
      topicFormSchema.parse({
        partyCode: "CA",
        areaId: String(areaId),
        slug: "question-delete-refused",
        opensDate: inDays(-1),
        opensTime: "09:00",
        closesDate: inDays(30),
        closesTime: "23:59",
        en_title: "Question delete refused",
        en_summary: "Summary.",
        q0_en: "Only question?",
      }),
    );
    await changeTopicState(t.db, by, topicId, "publish");
    const [q0] = (await questionsOf(topicId)).map((q) => q.id) as [number];
    const s = await createSubmissionFor(t.db, { topicSlug: "question-delete-refused", values: { [`answer_${q0}`]: "kept" } });
    await expect(t.db.deleteFrom("topic_questions").where("id", "=", q0).execute()).rejects.toThrow();
    expect(await answersOf([s.id])).toHaveLength(1);
  });
});

const receiptOf = (res: Response) => {
  const location = new URL(res.headers.get("location")!, "http://x");
  return { reference: location.pathname.split("/").pop()!, token: location.searchParams.get("token")! };
};
const hiddenVersion = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1];

async function submitTo(slug: string, extra: Record<string, string> = {}, locale = "en") {
  const topic = (await getPublicTopic(t.db, slug, "en"))!;
  const fields = {
    kind: "proposal",
    onBehalf: "organisation",
    stakeholderType: "union",
    organisationName: "Syndicat des mines",
    country: "CA",
    region: "CA-QC",
    contactName: "Marie Tremblay",
    contactEmail: `marie${Math.random().toString(36).slice(2, 8)}@example.ca`,
    title: "Garderies sur les chantiers",
    body: `Nous proposons des garderies. ${Math.random()}`,
    language: "fr",
    publication: "anonymous",
    privacy: "on",
    gender: "woman",
    ...(topic.questions[0] ? { [`answer_${topic.questions[0].id}`]: "Les services de garde." } : {}),
    ...extra,
  };
  const res = await postForm(server.url, `/${locale}/consultations/${slug}/submit`, fields);
  expect(res.status).toBe(302);
  const { reference, token } = receiptOf(res);
  const row = await t.db.selectFrom("submissions").selectAll().where("reference", "=", reference).executeTakeFirstOrThrow();
  return { fields, reference, token, row };
}
const eventsOf = (id: number) => t.db.selectFrom("moderation_events").select("action").where("submission_id", "=", id).orderBy("id").execute();
const genderOf = async (id: number) =>
  (await t.db.selectFrom("participant_profiles").select("gender").where("submission_id", "=", id).executeTakeFirst())?.gender;

describe("2. a person's edit or withdrawal that lost a race with officials is refused, not reported as done", () => {
  const slug = "sex-disaggregated-trade-data-canada";

  it("refuses an edit when a moderator decided between the page being shown and sent", async () => {
    const { fields, reference, token, row } = await submitTo(slug);
    const editPath = `/en/submissions/${reference}/edit?${new URLSearchParams({ token })}`;
    const page = await (await get(server.url, editPath)).text();
    // The version the page was shown at (checked last, so that this test shows what today's code does).
    const version = hiddenVersion(page);
    await moderate(t.db, modCA, reference, { intent: "approve", version: 1, applyToCampaign: false });
    const res = await postForm(server.url, editPath, { ...fields, body: "Changed after the decision.", gender: "man", version: version ?? "" });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("reviewed meanwhile");
    const after = await t.db.selectFrom("submissions").selectAll().where("id", "=", row.id).executeTakeFirstOrThrow();
    expect(after.body).toBe(fields.body);
    expect((await eventsOf(row.id)).map((e) => e.action)).toEqual(["approve"]);
    expect(await genderOf(row.id)).toBe("woman");
    expect(version).toBe("1");
  });

  it("refuses an edit when officials redacted it meanwhile (still pending), so their work is not overwritten", async () => {
    const { fields, reference, token, row } = await submitTo(slug);
    const editPath = `/fr/submissions/${reference}/edit?${new URLSearchParams({ token })}`;
    const version = hiddenVersion(await (await get(server.url, editPath)).text());
    await moderate(t.db, modCA, reference, {
      intent: "redact",
      version: 1,
      title: fields.title,
      body: `[[Nous]] ${fields.body.slice(5)}`,
      attachmentsPublic: true,
      answers: {},
    });
    const res = await postForm(server.url, editPath, { ...fields, body: "Texte changé.", gender: "man", version: version ?? "" });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("examinée entre-temps");
    const after = await t.db.selectFrom("submissions").selectAll().where("id", "=", row.id).executeTakeFirstOrThrow();
    expect([after.body, after.status, after.version]).toEqual([fields.body, "pending", 2]);
    expect((await eventsOf(row.id)).map((e) => e.action)).toEqual(["redact"]);
    expect(await genderOf(row.id)).toBe("woman");
    expect(version).toBe("1");
  });

  it("refuses a withdrawal when a moderator acted between the confirmation page and the tap", async () => {
    const { reference, token, row } = await submitTo(slug);
    const withdrawPath = `/es/submissions/${reference}/withdraw?${new URLSearchParams({ token })}`;
    const page = await get(server.url, withdrawPath);
    expect(page.status).toBe(200);
    const version = hiddenVersion(await page.text());
    expect(version).toBe("1");
    await moderate(t.db, modCA, reference, { intent: "tag", version: 1, themes: [] });
    const res = await postForm(server.url, withdrawPath, { token, version: version! });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("revisado mientras tanto");
    const after = await t.db.selectFrom("submissions").selectAll().where("id", "=", row.id).executeTakeFirstOrThrow();
    expect(after.status).toBe("pending");
    expect((await eventsOf(row.id)).map((e) => e.action)).toEqual(["tag"]);
    expect(await t.db.selectFrom("outbox").select("kind").where("to_address", "=", row.contact_email).execute()).toEqual([{ kind: "submission_receipt" }]);
  });
});

/**
 * The database as the person's request sees it, with an official's action landing after the
 * request's own checks and before its transaction: the narrowest window of the race.
 */
function withDecisionBeforeTransaction(decide: () => Promise<unknown>): typeof t.db {
  return new Proxy(t.db, {
    get(target, prop) {
      if (prop === "transaction") {
        return () => {
          const builder = target.transaction();
          return { execute: async (fn: Parameters<typeof builder.execute>[0]) => (await decide(), builder.execute(fn)) };
        };
      }
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

describe("2. (model) a decision landing between the person's checks and their update", () => {
  it("is not overwritten: the edit and the withdrawal report the refusal and write nothing", async () => {
    const topic = "sex-disaggregated-trade-data-canada";
    const a = await createSubmissionFor(t.db, { topicSlug: topic, values: { gender: "woman" } });
    const own = (await getOwnSubmission(t.db, a.reference, a.token!))!;
    const values = submissionFormSchema.parse({ ...submissionFormValues(own.submission, { gender: "man" }), body: "Changed too late." });
    const racing = withDecisionBeforeTransaction(() => moderate(t.db, modCA, a.reference, { intent: "approve", version: 1, applyToCampaign: false }));
    await expect(updateOwnSubmission(racing, a.reference, a.token!, values, 1)).rejects.toMatchObject({ reason: "changed" });
    expect((await t.db.selectFrom("submissions").select(["status", "body"]).where("id", "=", a.id).executeTakeFirstOrThrow()).status).toBe("approved");
    expect((await eventsOf(a.id)).map((e) => e.action)).toEqual(["approve"]);
    expect(await genderOf(a.id)).toBe("woman");

    const b = await createSubmissionFor(t.db, { topicSlug: topic });
    const rejecting = withDecisionBeforeTransaction(() =>
      moderate(t.db, modCA, b.reference, { intent: "reject", version: 1, reason: "spam", note: "", applyToCampaign: false }),
    );
    await expect(withdrawOwnSubmission(rejecting, b.reference, b.token!, 1)).rejects.toMatchObject({ reason: "changed" });
    expect((await t.db.selectFrom("submissions").select("status").where("id", "=", b.id).executeTakeFirstOrThrow()).status).toBe("rejected");
    expect((await eventsOf(b.id)).map((e) => e.action)).toEqual(["reject"]);
  });
});

describe("3. withdrawing takes a confirmation page and is confirmed by email", () => {
  const slug = "sex-disaggregated-trade-data-canada";

  it("links the receipt to a confirmation page, withdraws on its POST, and emails the person in their language", async () => {
    // Sent from the French pages; the receipt is later opened in English.
    const { reference, token, row } = await submitTo(slug, {}, "fr");
    const receipt = await (await get(server.url, `/en/submissions/${reference}?${new URLSearchParams({ token })}`)).text();
    const withdrawHref = `/en/submissions/${reference}/withdraw?${new URLSearchParams({ token })}`;
    expect(receipt).toContain(`href="${withdrawHref.replace(/&/g, "&amp;")}"`);
    expect(receipt).toMatch(/class="[^"]*button--danger[^"]*"[^>]*href="[^"]*\/withdraw\?/);
    // Nothing on the receipt withdraws in one tap: its only POST form subscribes to replies (ADR 039).
    const postForms = receipt.match(/<form[^>]*method="post"[^>]*>/gi) ?? [];
    expect(postForms.filter((f) => !f.includes('action="/en/subscriptions"'))).toEqual([]);

    const page = await get(server.url, withdrawHref);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("<form");
    expect(html).toContain('name="csrf"');
    expect(html).toContain(`name="token" value="${token}"`);
    expect(hiddenVersion(html)).toBe("1");
    expect(html).toContain("Withdraw my submission");
    expect((await t.db.selectFrom("submissions").select("status").where("id", "=", row.id).executeTakeFirstOrThrow()).status).toBe("pending");

    // A wrong token is a 404, without withdrawing.
    expect((await get(server.url, `/en/submissions/${reference}/withdraw?token=wrong`)).status).toBe(404);
    expect((await postForm(server.url, `/en/submissions/${reference}/withdraw?token=wrong`, { token: "wrong", version: "1" })).status).toBe(404);

    const res = await postForm(server.url, withdrawHref, { token, version: "1" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/en/submissions/${reference}?${new URLSearchParams({ token, notice: "withdrawn" })}`);
    const after = await t.db.selectFrom("submissions").selectAll().where("id", "=", row.id).executeTakeFirstOrThrow();
    expect([after.status, after.version]).toEqual(["withdrawn", 2]);
    expect((await eventsOf(row.id)).map((e) => e.action)).toEqual(["submitter_withdraw"]);
    const mail = await t.db
      .selectFrom("outbox")
      .selectAll()
      .where("to_address", "=", row.contact_email)
      .where("kind", "=", "submission_withdrawn")
      .executeTakeFirstOrThrow();
    expect(mail.locale).toBe("fr");
    expect(mail.subject).toContain(reference);
    expect(mail.text_body).toContain("retirée");

    // Again (a second tap, a reload): refused, nothing more recorded or sent.
    const again = await postForm(server.url, withdrawHref, { token, version: "2" });
    expect(again.status).toBe(409);
    expect(await eventsOf(row.id)).toHaveLength(1);
    expect(
      await t.db.selectFrom("outbox").select("id").where("to_address", "=", row.contact_email).where("kind", "=", "submission_withdrawn").execute(),
    ).toHaveLength(1);
    // And the confirmation page of a withdrawn submission offers nothing to confirm.
    expect(await (await get(server.url, withdrawHref)).text()).not.toContain('name="version"');
  });
});
