// Moving through the queue (issue 18, items 2 and 3; ADR 042): next after a decision in the same
// filtered list, previous/next, claims (30 minutes, injected clock), internal notes (officials of
// the country only, never public), only the actions that apply (unpublish, reconsider), confirmed
// destructive actions, and decisions that a repeated POST does not repeat.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import { ForbiddenError } from "~/models/errors";
import { ModerationRefused, moderate } from "~/models/moderation.server";
import { ClaimTaken, claimSubmission, liveClaims, releaseClaim } from "~/models/submission-claims.server";
import { addNote, listNotes } from "~/models/submission-notes.server";
import type { Actor } from "~/utils/permissions";
import { createSubmissionFor, createTopic, createUser, sessionCookieFor } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { get, postForm } from "./helpers/http";
import { startServer, type RunningServer } from "./helpers/server";

let t: TestDatabase;
let server: RunningServer;
type Who = "modCA" | "modCA2" | "modCL" | "admin";
const actors = {} as Record<Who, Actor>;
const cookies = {} as Record<Who, string>;
const names = {} as Record<Who, string>;
let topicCA = { id: 0, slug: "" };
let areaId = 0;

const MINUTE = 60_000;
const row = (reference: string) => t.db.selectFrom("submissions").selectAll().where("reference", "=", reference).executeTakeFirstOrThrow();
const events = async (id: number) =>
  (await t.db.selectFrom("moderation_events").select("action").where("submission_id", "=", id).orderBy("id").execute()).map((e) => e.action);
const audits = async (action: string, reference: string) =>
  t.db.selectFrom("audit_log").selectAll().where("action", "=", action).where("subject_id", "=", reference).orderBy("id").execute();
const emailsTo = (address: string) => t.db.selectFrom("outbox").selectAll().where("to_address", "=", address.toLowerCase()).orderBy("id").execute();
const publicPath = (locale: string, reference: string) => `/${locale}/consultations/${topicCA.slug}/submissions/${reference}`;
const version = () => t.db.selectFrom("publication_version").select("version").where("id", "=", 1).executeTakeFirstOrThrow();

/** Where the page's previous or next link leads (null: none). */
const rel = (html: string, which: "prev" | "next") => new RegExp(`<a rel="${which}"[^>]*href="([^"]+)"`).exec(html)?.[1]?.replace(/&amp;/g, "&") ?? null;
const receivedAt = (id: number, at: Date) => t.db.updateTable("submissions").set({ created_at: at.toISOString() }).where("id", "=", id).execute();

/** Pending submissions of a new Canadian topic, received one minute apart in this order. */
async function queueOf(count: number, extra: Record<string, string> = {}) {
  const topic = await createTopic(t.db, { party: "CA" });
  const start = Date.now() - 10 * 24 * 60 * MINUTE;
  const made = [];
  for (let i = 0; i < count; i++) {
    const s = await createSubmissionFor(t.db, { topicSlug: topic.slug, values: extra });
    await receivedAt(s.id, new Date(start + i * MINUTE));
    made.push(s);
  }
  return { topic, made };
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
  const users = {
    modCA: await createUser(t.db, { role: "moderator", party: "CA" }),
    modCA2: await createUser(t.db, { role: "moderator", party: "CA" }),
    modCL: await createUser(t.db, { role: "moderator", party: "CL" }),
    admin: await createUser(t.db, { role: "admin" }),
  };
  for (const [who, u] of Object.entries(users) as Array<[Who, (typeof users)["modCA"]]>) {
    actors[who] = { id: u.id, role: u.role, partyCode: u.party_code };
    cookies[who] = await sessionCookieFor(t.db, u.id);
    names[who] = u.display_name;
  }
  topicCA = await createTopic(t.db, { party: "CA" });
  areaId = (await t.db.selectFrom("topics").select("area_id").where("id", "=", topicCA.id).executeTakeFirstOrThrow()).area_id ?? 0;
  server = await startServer(t.env);
});
afterAll(async () => {
  await server?.stop();
  await t?.destroy();
});

describe("claims, on an injected clock", () => {
  it("shows the holder to the others, refuses a live claim, lets an expired one be taken, ends on decision, and is audited", async () => {
    const s = await createSubmissionFor(t.db, { topicSlug: topicCA.slug });
    const t0 = new Date("2030-03-01T10:00:00.000Z");
    const at = (minutes: number) => new Date(t0.getTime() + minutes * MINUTE);

    const mine = await claimSubmission(t.db, actors.modCA, s.reference, t0);
    expect(mine).toMatchObject({ mine: true, holder: names.modCA, claimedAt: t0.toISOString(), expiresAt: at(30).toISOString() });
    expect((await liveClaims(t.db, actors.modCA2, [s.id], at(10))).get(s.id)).toMatchObject({ mine: false, holder: names.modCA });
    await expect(claimSubmission(t.db, actors.modCA2, s.reference, at(29))).rejects.toBeInstanceOf(ClaimTaken);
    // The same person again: nothing new.
    await claimSubmission(t.db, actors.modCA, s.reference, at(5));
    expect(await audits("submission.claimed", s.reference)).toHaveLength(1);

    // 30 minutes later it is no claim any more, for everyone, with nothing swept.
    expect((await liveClaims(t.db, actors.modCA2, [s.id], at(30))).size).toBe(0);
    const taken = await claimSubmission(t.db, actors.modCA2, s.reference, at(31));
    expect(taken).toMatchObject({ mine: true, holder: names.modCA2 });
    expect(await audits("submission.claimed", s.reference)).toHaveLength(2);

    // Only the holder releases it.
    await releaseClaim(t.db, actors.modCA, s.reference, at(32));
    expect((await liveClaims(t.db, actors.modCA, [s.id], at(32))).get(s.id)?.holder).toBe(names.modCA2);
    expect(await audits("submission.claim_released", s.reference)).toHaveLength(0);
    await releaseClaim(t.db, actors.modCA2, s.reference, at(33));
    expect((await liveClaims(t.db, actors.modCA, [s.id], at(33))).size).toBe(0);
    expect(await audits("submission.claim_released", s.reference)).toHaveLength(1);

    // A decision ends the claim, whoever holds it.
    await claimSubmission(t.db, actors.modCA, s.reference, at(40));
    await moderate(t.db, actors.modCA2, s.reference, { intent: "approve", version: 1, applyToCampaign: false }, at(41));
    expect(await t.db.selectFrom("submission_claims").selectAll().where("submission_id", "=", s.id).execute()).toEqual([]);

    // Another country's official may not claim it.
    await expect(claimSubmission(t.db, actors.modCL, s.reference, at(50))).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("internal notes", () => {
  it("are read and written by the country's officials and admins only, and audited without their text", async () => {
    const s = await createSubmissionFor(t.db, { topicSlug: topicCA.slug });
    await addNote(t.db, actors.modCA, s.reference, "Checked with the union: genuine.");
    await addNote(t.db, actors.admin, s.reference, "Admin agrees.");
    for (const who of ["modCA", "modCA2", "admin"] as const) {
      expect((await listNotes(t.db, actors[who], s.reference)).map((n) => [n.author, n.body])).toEqual([
        [names.modCA, "Checked with the union: genuine."],
        [names.admin, "Admin agrees."],
      ]);
    }
    await expect(listNotes(t.db, actors.modCL, s.reference)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(addNote(t.db, actors.modCL, s.reference, "Not mine")).rejects.toBeInstanceOf(ForbiddenError);
    const audit = await audits("submission.note_added", s.reference);
    expect(audit).toHaveLength(2);
    expect(audit.map((a) => a.details).join()).not.toContain("genuine");
  });
});

describe("only the actions that apply", () => {
  it("unpublishes an approved submission: off the public pages, the person told, the version advanced, and only once", async () => {
    const s = await createSubmissionFor(t.db, { topicSlug: topicCA.slug, locale: "fr", values: { contactEmail: "unpublish-me@example.ca" } });
    await expect(moderate(t.db, actors.modCA, s.reference, { intent: "unpublish", version: 1, reason: "third_party_data", note: "" })).rejects.toEqual(
      new ModerationRefused("not_approved"),
    );
    await moderate(t.db, actors.modCA, s.reference, { intent: "approve", version: 1, applyToCampaign: false });
    expect((await get(server.url, publicPath("en", s.reference))).status).toBe(200);
    const before = Number((await version()).version);
    const unpublish = { intent: "unpublish" as const, version: 2, reason: "third_party_data" as const, note: "A neighbour's name was in it." };
    expect(await moderate(t.db, actors.modCA, s.reference, unpublish)).toEqual({ changed: 1 });
    expect(await moderate(t.db, actors.modCA, s.reference, unpublish)).toEqual({ changed: 0 });
    const after = await row(s.reference);
    expect(after).toMatchObject({ status: "rejected", rejection_reason: "third_party_data", approved_version: null, approved_body: null });
    expect(Number((await version()).version)).toBeGreaterThan(before);
    expect(await events(s.id)).toEqual(["approve", "unpublish"]);
    const emails = await emailsTo("unpublish-me@example.ca");
    expect(emails.map((e) => e.kind)).toEqual(["submission_receipt", "submission_approved", "submission_unpublished"]);
    expect(emails[2]!.subject).toContain("n’est plus publiée");
    expect(emails[2]!.text_body).toContain("A neighbour's name was in it.");
    expect((await get(server.url, publicPath("en", s.reference))).status).toBe(404);
    const api = (await (await get(server.url, `/api/v1/topics/${topicCA.slug}/submissions`)).json()) as { submissions: Array<{ reference: string }> };
    expect(api.submissions.map((x) => x.reference)).not.toContain(s.reference);
  });

  it("reconsiders a rejected submission: pending again, once", async () => {
    const s = await createSubmissionFor(t.db, { topicSlug: topicCA.slug });
    await moderate(t.db, actors.modCA, s.reference, { intent: "reject", version: 1, reason: "spam", note: "", applyToCampaign: false });
    expect(await moderate(t.db, actors.modCA, s.reference, { intent: "reconsider", version: 2 })).toEqual({ changed: 1 });
    expect(await moderate(t.db, actors.modCA, s.reference, { intent: "reconsider", version: 2 })).toEqual({ changed: 0 });
    expect(await row(s.reference)).toMatchObject({ status: "pending", rejection_reason: null, decided_at: null, version: 3 });
    expect(await events(s.id)).toEqual(["reject", "reconsider"]);
    await moderate(t.db, actors.modCA, s.reference, { intent: "approve", version: 3, applyToCampaign: false });
    await expect(moderate(t.db, actors.modCA, s.reference, { intent: "reconsider", version: 4 })).rejects.toEqual(new ModerationRefused("not_rejected"));
  });
});

describe("through the real server", () => {
  it("after a decision, lands on the next submission of the same filtered list, then back on the list when none is left", async () => {
    const { topic, made } = await queueOf(3);
    // Another consultation's submission, received in between: not in this filtered list.
    const other = await createSubmissionFor(t.db, { topicSlug: topicCA.slug });
    await receivedAt(other.id, new Date(Date.now() - 10 * 24 * 60 * MINUTE + 30_000));
    const [s1, s2, s3] = made as [(typeof made)[0], (typeof made)[0], (typeof made)[0]];
    const q = `topic=${topic.id}`;

    const list = await (await get(server.url, `/fr/admin/submissions?${q}`, cookies.modCA)).text();
    expect(list).toContain(`href="/fr/admin/submissions/${s1.reference}?${q}"`);

    let html = await (await get(server.url, `/fr/admin/submissions/${s1.reference}?${q}`, cookies.modCA)).text();
    expect(rel(html, "next")).toBe(`/fr/admin/submissions/${s2.reference}?${q}`);
    expect(rel(html, "prev")).toBeNull();
    expect(html).toContain(`href="/fr/admin/submissions?${q}"`);
    expect(html).not.toContain(other.reference);

    let res = await postForm(server.url, `/fr/admin/submissions/${s1.reference}?${q}`, { intent: "approve", version: "1" }, { cookie: cookies.modCA });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/fr/admin/submissions/${s2.reference}?${q}&saved=approve&decided=${s1.reference}`);
    html = await (await get(server.url, res.headers.get("location")!, cookies.modCA)).text();
    expect(html).toContain(`${s1.reference}\u202f: Approuvée. Voici la contribution suivante de votre liste.`);
    // The decided one left the pending list: the previous one is the one before it still pending (none).
    expect(rel(html, "next")).toBe(`/fr/admin/submissions/${s3.reference}?${q}`);
    expect(rel(html, "prev")).toBeNull();

    res = await postForm(
      server.url,
      `/fr/admin/submissions/${s2.reference}?${q}`,
      { intent: "reject", version: "1", reason: "spam", confirm: "on" },
      { cookie: cookies.modCA },
    );
    expect(res.headers.get("location")).toBe(`/fr/admin/submissions/${s3.reference}?${q}&saved=reject&decided=${s2.reference}`);
    res = await postForm(server.url, `/fr/admin/submissions/${s3.reference}?${q}`, { intent: "approve", version: "1" }, { cookie: cookies.modCA });
    expect(res.headers.get("location")).toBe(`/fr/admin/submissions?${q}&saved=approve&decided=${s3.reference}`);
    html = await (await get(server.url, res.headers.get("location")!, cookies.modCA)).text();
    expect(html).toContain(`${s3.reference}\u202f: Approuvée. Il n’y a plus de contribution dans cette liste.`);
  });

  it("offers previous and next in the list's order, whatever its filters and sort", async () => {
    const { topic, made } = await queueOf(3);
    const [s1, s2, s3] = made as [(typeof made)[0], (typeof made)[0], (typeof made)[0]];
    const q = `status=all&topic=${topic.id}&sort=newest`;
    const html = await (await get(server.url, `/es/admin/submissions/${s2.reference}?${q}`, cookies.modCA)).text();
    expect(rel(html, "prev")).toBe(`/es/admin/submissions/${s3.reference}?${q}`);
    expect(rel(html, "next")).toBe(`/es/admin/submissions/${s1.reference}?${q}`);
    // The shortcuts are documented on the page, in its language.
    expect(html).toContain("Atajos de teclado");
    expect(html).toContain("<kbd>j</kbd>");
  });

  it("claims: shown to the others, a live one refused with a translated 409, an expired one taken; on the list too", async () => {
    const { topic, made } = await queueOf(1);
    const s = made[0]!;
    expect((await postForm(server.url, `/en/admin/submissions/${s.reference}`, { intent: "claim" }, { cookie: cookies.modCA })).status).toBe(302);
    const seen = await (await get(server.url, `/en/admin/submissions/${s.reference}`, cookies.modCA2)).text();
    expect(seen).toContain(`Being reviewed by ${names.modCA} since`);
    expect(await (await get(server.url, `/en/admin/submissions?topic=${topic.id}`, cookies.modCA2)).text()).toContain(`Being reviewed by ${names.modCA}`);
    const refused = await postForm(server.url, `/es/admin/submissions/${s.reference}`, { intent: "claim" }, { cookie: cookies.modCA2 });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain(`${names.modCA} ya está revisando este aporte.`);
    // 31 minutes later (the claim's time set back: the clock the server reads is the database's row).
    await t.db
      .updateTable("submission_claims")
      .set({ claimed_at: new Date(Date.now() - 31 * MINUTE).toISOString() })
      .where("submission_id", "=", s.id)
      .execute();
    expect((await postForm(server.url, `/es/admin/submissions/${s.reference}`, { intent: "claim" }, { cookie: cookies.modCA2 })).status).toBe(302);
    expect(await (await get(server.url, `/fr/admin/submissions/${s.reference}`, cookies.modCA2)).text()).toContain("Vous l’examinez depuis");
    expect(await audits("submission.claimed", s.reference)).toHaveLength(2);
    expect((await postForm(server.url, `/en/admin/submissions/${s.reference}`, { intent: "release" }, { cookie: cookies.modCA2 })).status).toBe(302);
    expect(await (await get(server.url, `/en/admin/submissions/${s.reference}`, cookies.modCA)).text()).toContain("Nobody is reviewing this submission");
  });

  it("internal notes: the country's officials read them; never a public page, API or export", async () => {
    const s = await createSubmissionFor(t.db, { topicSlug: topicCA.slug, values: { publication: "named" } });
    const note = "INTERNAL-NOTE-quetzal: checked by phone";
    const res = await postForm(server.url, `/fr/admin/submissions/${s.reference}`, { intent: "note", noteBody: note }, { cookie: cookies.modCA });
    expect(res.status).toBe(302);
    const empty = await postForm(server.url, `/fr/admin/submissions/${s.reference}`, { intent: "note", noteBody: "  " }, { cookie: cookies.modCA });
    expect(empty.status).toBe(400);
    expect(await (await get(server.url, `/en/admin/submissions/${s.reference}`, cookies.modCA2)).text()).toContain(note);
    expect(await (await get(server.url, `/en/admin/submissions/${s.reference}`, cookies.admin)).text()).toContain(note);
    expect((await get(server.url, `/en/admin/submissions/${s.reference}`, cookies.modCL)).status).toBe(403);

    await moderate(t.db, actors.modCA, s.reference, { intent: "approve", version: 1, applyToCampaign: false });
    const paths = [
      publicPath("en", s.reference),
      publicPath("fr", s.reference),
      `/es/consultations/${topicCA.slug}`,
      `/api/v1/topics/${topicCA.slug}/submissions`,
      `/api/v1/topics/${topicCA.slug}`,
      `/en/search?q=quetzal`,
    ];
    for (const path of paths) {
      const page = await get(server.url, path);
      expect(page.status, path).toBe(200);
      expect(await page.text(), path).not.toContain("checked by phone");
    }
    // The committee edition (the widest export) holds the submission, never its note.
    for (const format of ["csv", "json"]) {
      const file = await get(
        server.url,
        `/en/admin/summaries/download?scope=topic&topic=${topicCA.id}&area=${areaId}&edition=committee&locale=en&format=${format}`,
        cookies.modCA,
      );
      expect(file.status, format).toBe(200);
      const text = await file.text();
      expect(text, format).toContain(s.reference);
      expect(text, format).not.toContain("checked by phone");
    }
  });

  it("offers only the actions that apply, confirms the destructive ones, and answers a repeated decision with the state as it is", async () => {
    const s = await createSubmissionFor(t.db, { topicSlug: topicCA.slug, values: { contactEmail: "twice@example.org" } });
    const page = () => get(server.url, `/en/admin/submissions/${s.reference}`, cookies.modCA).then((r) => r.text());
    let html = await page();
    expect(html).toContain('id="approve-button"');
    expect(html).toContain("I confirm: reject this submission");
    expect(html).not.toContain('value="unpublish"');

    // Rejecting without ticking the box: the confirmation, translated, nothing written.
    const unconfirmed = await postForm(
      server.url,
      `/en/admin/submissions/${s.reference}`,
      { intent: "reject", version: "1", reason: "spam" },
      { cookie: cookies.modCA },
    );
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.text()).toContain("Tick the box to confirm.");
    expect((await row(s.reference)).status).toBe("pending");

    // A double click on Approve: one decision, one event, one email, the same answer twice.
    const approve = () => postForm(server.url, `/en/admin/submissions/${s.reference}`, { intent: "approve", version: "1" }, { cookie: cookies.modCA });
    const [first, second] = [await approve(), await approve()];
    expect([first.status, second.status]).toEqual([302, 302]);
    expect(second.headers.get("location")).toBe(first.headers.get("location"));
    expect(await events(s.id)).toEqual(["approve"]);
    expect((await emailsTo("twice@example.org")).map((e) => e.kind)).toEqual(["submission_receipt", "submission_approved"]);

    html = await page();
    expect(html).not.toContain('id="approve-button"');
    expect(html).toContain('value="unpublish"');
    expect(html).toContain("I confirm: take this submission off the public pages");
    const unpublish = () =>
      postForm(
        server.url,
        `/en/admin/submissions/${s.reference}`,
        { intent: "unpublish", version: "2", reason: "other", note: "Asked by the person.", confirm: "on" },
        { cookie: cookies.modCA },
      );
    expect((await unpublish()).status).toBe(302);
    expect((await unpublish()).status).toBe(302);
    expect(await events(s.id)).toEqual(["approve", "unpublish"]);
    expect((await emailsTo("twice@example.org")).map((e) => e.kind)).toEqual(["submission_receipt", "submission_approved", "submission_unpublished"]);
    expect((await get(server.url, publicPath("en", s.reference))).status).toBe(404);

    html = await page();
    expect(html).toContain('value="reconsider"');
    expect(html).not.toContain('value="unpublish"');
    const reconsider = await postForm(server.url, `/en/admin/submissions/${s.reference}`, { intent: "reconsider", version: "3" }, { cookie: cookies.modCA });
    expect(reconsider.status).toBe(302);
    expect(reconsider.headers.get("location")).toBe(`/en/admin/submissions/${s.reference}?saved=reconsider`);
    expect((await row(s.reference)).status).toBe("pending");

    // Bulk reject on the list asks for the box too.
    const bulk = await postForm(
      server.url,
      "/en/admin/submissions",
      { intent: "bulk-reject", reason: "spam", selected: [`${s.id}:4`] },
      { cookie: cookies.modCA },
    );
    expect(bulk.status).toBe(400);
    expect(await bulk.text()).toContain("Tick the box to confirm.");
    expect((await row(s.reference)).status).toBe("pending");
  });
});
