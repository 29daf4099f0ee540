import { advancePublication } from "~/models/publication.server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import { moderate } from "~/models/moderation.server";
import {
  commentCounts,
  getPublishedSubmission,
  listCommentsOn,
  listPublishedSubmissions,
  listPublishedSubmissionsForApi,
} from "~/models/published-submissions.server";
import { SubmissionRefused } from "~/models/submissions.server";
import type { Actor } from "~/utils/permissions";
import { createSubmissionFor, createTopic, createUser, days } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { get } from "./helpers/http";
import { startServer, type RunningServer } from "./helpers/server";

// Issue 17, item 5: the conversation under a published proposal. Comments go through the same
// intake and moderation as any submission; the public sees them under the proposal once approved,
// in the approved version, with their authors' publication choice, oldest first.

let t: TestDatabase;
let server: RunningServer;
let moderator: Actor;
let topic: { id: number; slug: string };
let proposal: { reference: string; id: number };
const refs: Record<string, { reference: string; id: number }> = {};
let clock = Date.now() - 3_600_000;

/** Approves through the real moderation (the same path as every submission), at a later time each. */
async function approve(reference: string) {
  const row = await t.db.selectFrom("submissions").select("version").where("reference", "=", reference).executeTakeFirstOrThrow();
  clock += 60_000;
  await moderate(t.db, moderator, reference, { intent: "approve", version: row.version, applyToCampaign: false }, new Date(clock));
}

async function comment(name: string, values: Record<string, string>, on = proposal.reference) {
  refs[name] = await createSubmissionFor(t.db, {
    topicSlug: topic.slug,
    values: { kind: "comment", inReplyTo: on, title: "", country: "CL", ...values },
  });
  return refs[name]!;
}

const textOf = (html: string) =>
  html
    .replace(/<!-- -->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");

beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
  const user = await createUser(t.db, { role: "moderator", party: "CL" });
  moderator = { id: user.id, role: "moderator", partyCode: "CL" };
  topic = await createTopic(t.db, { party: "CL" });
  proposal = await createSubmissionFor(t.db, { topicSlug: topic.slug, values: { country: "CL", title: "Salas cuna", publication: "named" } });
  await approve(proposal.reference);

  // Written in this order; approved in another: the list follows the publication order.
  await comment("second", { body: "Second published comment.", publication: "named", contactName: "Rosa Named", organisationName: "Org Named" });
  await comment("first", {
    body: "First published comment.",
    publication: "anonymous",
    contactName: "Hidden Person",
    organisationName: "Hidden Org",
    stakeholderType: "ngo",
    region: "CL-BI",
  });
  await comment("pending", { body: "Pending comment SECRET-PENDING." });
  await comment("rejected", { body: "Rejected comment SECRET-REJECTED." });
  await comment("officials", { body: "Officials-only comment SECRET-OFFICIALS.", publication: "officials" });
  await comment("redacted", { body: "Keep this. SECRET-PASSAGE gone." });
  await approve(refs.first!.reference);
  await approve(refs.second!.reference);
  await approve(refs.officials!.reference);
  const row = await t.db.selectFrom("submissions").select("version").where("id", "=", refs.rejected!.id).executeTakeFirstOrThrow();
  await moderate(t.db, moderator, refs.rejected!.reference, { intent: "reject", version: row.version, reason: "off_topic", note: "", applyToCampaign: false });
  // Redacted by officials before approval: the public reads the redacted copy only.
  await t.db.updateTable("submissions").set({ published_body: "Keep this. [[redacted]] gone." }).where("id", "=", refs.redacted!.id).execute();
  await approve(refs.redacted!.reference);

  server = await startServer({ ...t.env, SUBMISSION_MIN_FILL_SECONDS: "0", SUBMISSION_RATE_LIMIT: "0" });
});

afterAll(async () => {
  await server?.stop();
  await t?.destroy();
});

describe("comments under a proposal (model)", () => {
  it("arrive pending, like every submission, and are not shown until a moderator approves them", async () => {
    const fresh = await comment("fresh", { body: "Just sent." });
    const status = await t.db.selectFrom("submissions").select(["status", "kind", "in_reply_to"]).where("id", "=", fresh.id).executeTakeFirstOrThrow();
    expect(status).toEqual({ status: "pending", kind: "comment", in_reply_to: proposal.id });
    const before = await listCommentsOn(t.db, topic.slug, proposal.reference, "en");
    expect(before!.comments.map((c) => c.reference)).not.toContain(fresh.reference);
    await approve(fresh.reference);
    const after = await listCommentsOn(t.db, topic.slug, proposal.reference, "en");
    expect(after!.comments.at(-1)!.reference).toBe(fresh.reference);
  });

  it("lists only approved, published comments, oldest first, in the approved version", async () => {
    const list = (await listCommentsOn(t.db, topic.slug, proposal.reference, "en"))!;
    const order = list.comments.map((c) => c.reference);
    expect(order.slice(0, 3)).toEqual([refs.first!.reference, refs.second!.reference, refs.redacted!.reference]);
    for (const name of ["pending", "rejected", "officials"]) expect(order, name).not.toContain(refs[name]!.reference);
    expect(list.comments.find((c) => c.reference === refs.redacted!.reference)!.text).toBe("Keep this. [[redacted]] gone.");
    expect(JSON.stringify(list)).not.toContain("SECRET");
  });

  it("honours each commenter's publication choice in the byline", async () => {
    const list = (await listCommentsOn(t.db, topic.slug, proposal.reference, "en"))!;
    const anonymous = list.comments.find((c) => c.reference === refs.first!.reference)!;
    expect(anonymous.byline).toMatchObject({ author: null, organisation: null, stakeholderType: "ngo", regionName: "Biobío" });
    expect(JSON.stringify(list)).not.toMatch(/Hidden Person|Hidden Org/);
    const named = list.comments.find((c) => c.reference === refs.second!.reference)!;
    expect(named.byline).toMatchObject({ author: "Rosa Named", organisation: "Org Named" });
  });

  it("has none for a proposal that is not public, and none under a comment", async () => {
    expect(await listCommentsOn(t.db, topic.slug, refs.pending!.reference, "en")).toBeNull();
    expect(await listCommentsOn(t.db, topic.slug, refs.first!.reference, "en")).toBeNull();
    expect(await listCommentsOn(t.db, "no-such-topic", proposal.reference, "en")).toBeNull();
  });

  it("counts the published comments of each proposal on the topic's list and in the open data", async () => {
    const expected = (await listCommentsOn(t.db, topic.slug, proposal.reference, "en"))!.total;
    expect(expected).toBeGreaterThanOrEqual(3);
    expect((await commentCounts(t.db, [proposal.id])).get(proposal.id)).toBe(expected);
    const list = await listPublishedSubmissions(t.db, topic.slug, "en", {});
    expect(list.submissions.find((s) => s.reference === proposal.reference)!.commentCount).toBe(expected);
    expect(list.submissions.find((s) => s.reference === refs.first!.reference)!.commentCount).toBe(0);
    const api = await listPublishedSubmissionsForApi(t.db, topic.slug, {}, "http://x");
    expect(api.submissions.find((s) => s.reference === proposal.reference)!.commentCount).toBe(expected);
  });

  it("offers to comment only while the consultation is open and takes comments", async () => {
    expect((await getPublishedSubmission(t.db, topic.slug, proposal.reference, "en"))!.commentsOpen).toBe(true);
    expect((await getPublishedSubmission(t.db, topic.slug, refs.first!.reference, "en"))!.commentsOpen).toBe(false);
    expect((await getPublishedSubmission(t.db, topic.slug, proposal.reference, "en", days(60)))!.commentsOpen).toBe(false);
    await t.db.updateTable("topics").set({ allow_comments: 0 }).where("id", "=", topic.id).execute();
    try {
      expect((await getPublishedSubmission(t.db, topic.slug, proposal.reference, "en"))!.commentsOpen).toBe(false);
    } finally {
      await t.db.updateTable("topics").set({ allow_comments: 1 }).where("id", "=", topic.id).execute();
    }
  });

  it("refuses a reply to a proposal when the consultation does not take comments", async () => {
    const closedToComments = await createTopic(t.db, { party: "CL" });
    const p = await createSubmissionFor(t.db, { topicSlug: closedToComments.slug, values: { country: "CL" } });
    await approve(p.reference);
    await t.db.updateTable("topics").set({ allow_comments: 0 }).where("id", "=", closedToComments.id).execute();
    const attempt = createSubmissionFor(t.db, { topicSlug: closedToComments.slug, values: { kind: "comment", inReplyTo: p.reference, country: "CL" } });
    await expect(attempt).rejects.toBeInstanceOf(SubmissionRefused);
    await expect(attempt).rejects.toMatchObject({ reason: "bad_reply" });
  });
});

describe("comments under a proposal (pages)", () => {
  const path = (ref: string, locale = "en") => `/${locale}/consultations/${topic.slug}/submissions/${ref}`;

  it("shows the conversation on the proposal's page, with bylines, and the way to add to it", async () => {
    const res = await get(server.url, path(proposal.reference));
    expect(res.status).toBe(200);
    const html = await res.text();
    const text = textOf(html);
    expect(html).toContain('id="comments"');
    expect(text.indexOf("First published comment.")).toBeLessThan(text.indexOf("Second published comment."));
    expect(text).toContain("Rosa Named, Org Named");
    expect(text).toContain("Non-governmental or civil society organisation · Biobío, Chile");
    expect(html).toContain(`Keep this. <span class="redacted" lang="en">[redacted]</span> gone.`);
    expect(html).not.toMatch(/SECRET|Hidden Person|Hidden Org/);
    expect(html).toContain(`href="/en/consultations/${topic.slug}/submit?kind=comment&amp;inReplyTo=${proposal.reference}"`);
    expect(text).toContain("Comment on this proposal");
    for (const [locale, words] of [
      ["fr", ["Commentaires (", "Commenter cette proposition"]],
      ["es", ["Comentarios (", "Comentar esta propuesta"]],
    ] as const) {
      const body = textOf(await (await get(server.url, path(proposal.reference, locale))).text());
      for (const w of words) expect(body, locale).toContain(w);
    }
  });

  it("pre-sets the submission form to a comment answering the proposal", async () => {
    const html = await (await get(server.url, `/en/consultations/${topic.slug}/submit?kind=comment&inReplyTo=${proposal.reference}`)).text();
    expect(html).toMatch(/<input type="radio" id="field-kind-comment"[^>]*checked/);
    expect(html).toMatch(new RegExp(`<option value="${proposal.reference}" selected`));
    // A reference that is not a public proposal of this topic is ignored.
    const other = await (await get(server.url, `/en/consultations/${topic.slug}/submit?kind=comment&inReplyTo=${refs.pending!.reference}`)).text();
    expect(other).toMatch(/<input type="radio" id="field-kind-proposal"[^>]*checked/);
  });

  it("shows each proposal's comment count on the topic page", async () => {
    const expected = (await listCommentsOn(t.db, topic.slug, proposal.reference, "en"))!.total;
    const html = await (await get(server.url, `/en/consultations/${topic.slug}`)).text();
    expect(textOf(html)).toContain(`${expected} published comments`);
    expect(html).toContain(`href="/en/consultations/${topic.slug}/submissions/${proposal.reference}#comments"`);
  });

  it("does not offer to comment once the consultation is closed, and keeps the comments", async () => {
    await t.db
      .updateTable("topics")
      .set({ closed_early_at: new Date(Date.now() - 1000).toISOString() })
      .where("id", "=", topic.id)
      .execute();
    await advancePublication(t.db); // as closing it through the back office does (ADR 027)
    try {
      const html = await (await get(server.url, path(proposal.reference))).text();
      expect(html).not.toContain("Comment on this proposal");
      expect(html).toContain("First published comment.");
    } finally {
      await t.db.updateTable("topics").set({ closed_early_at: null }).where("id", "=", topic.id).execute();
      await advancePublication(t.db);
    }
  });
});
