import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import { engineOf } from "../db/portable";
import { moderate } from "~/models/moderation.server";
import { advancePublication } from "~/models/publication.server";
import { changeTopicState } from "~/models/topic-admin.server";
import { byPublicationVersion } from "~/models/publication-memo.server";
import { listPublishedSubmissions } from "~/models/published-submissions.server";
import { getPublicTopic } from "~/models/topics.server";
import type { Actor } from "~/utils/permissions";
import { createSubmissionFor, createTopic, createUser, days } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";

// ADR 038: figures derived from public rows only are computed once per publication version.

let t: TestDatabase;
let mod: Actor;

beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
  const user = await createUser(t.db, { role: "moderator", party: "CA" });
  mod = { id: user.id, role: "moderator", partyCode: "CA" };
});
afterAll(async () => {
  await t?.destroy();
});

describe("byPublicationVersion", () => {
  it("computes once per version and key, shares one computation between concurrent callers, and computes again once the version moves", async () => {
    let calls = 0;
    const compute = async () => ++calls;
    const [a, b] = await Promise.all([byPublicationVersion(t.db, "k", compute), byPublicationVersion(t.db, "k", compute)]);
    expect([a, b, calls]).toEqual([1, 1, 1]);
    expect(await byPublicationVersion(t.db, "k", compute)).toBe(1);
    expect(await byPublicationVersion(t.db, "other", compute)).toBe(2);
    await advancePublication(t.db);
    expect(await byPublicationVersion(t.db, "k", compute)).toBe(3);
    expect(await byPublicationVersion(t.db, "k", compute)).toBe(3);
  });

  it("does not keep a failed computation", async () => {
    let calls = 0;
    const failing = async () => {
      calls++;
      throw new Error("database busy");
    };
    await expect(byPublicationVersion(t.db, "failing", failing)).rejects.toThrow("database busy");
    await expect(byPublicationVersion(t.db, "failing", failing)).rejects.toThrow("database busy");
    expect(calls).toBe(2);
  });
});

describe("the topic page's list and count", () => {
  it("follow every publication change at once, and are the same whether kept or computed", async () => {
    const topic = await createTopic(t.db, { party: "CA" });
    const first = await getPublicTopic(t.db, topic.slug, "en");
    expect(first?.publishedCount).toBe(0);
    expect((await listPublishedSubmissions(t.db, topic.slug, "en", {})).total).toBe(0);

    const s = await createSubmissionFor(t.db, { topicSlug: topic.slug, values: { title: "Now public" } });
    await moderate(t.db, mod, s.reference, { intent: "approve", version: 1, applyToCampaign: false });
    const list = await listPublishedSubmissions(t.db, topic.slug, "en", {});
    expect(list.total).toBe(1);
    expect(list.submissions.map((x) => x.title)).toEqual(["Now public"]);
    expect((await getPublicTopic(t.db, topic.slug, "en"))?.publishedCount).toBe(1);
    // A search (free text) is never kept; it finds the same.
    expect((await listPublishedSubmissions(t.db, topic.slug, "en", { q: "now" })).total).toBe(1);

    const { version } = await t.db.selectFrom("submissions").select("version").where("reference", "=", s.reference).executeTakeFirstOrThrow();
    // Unpublished: a rejection of the approved submission.
    await moderate(t.db, mod, s.reference, { intent: "reject", version, reason: "spam", note: "", applyToCampaign: false });
    expect((await listPublishedSubmissions(t.db, topic.slug, "en", {})).total).toBe(0);
    expect((await getPublicTopic(t.db, topic.slug, "en"))?.publishedCount).toBe(0);
  });
});

describe("the topic page's topic and listed rows (ADR 047)", () => {
  it("keep the topic per version and language, working out its status from the clock at each call", async () => {
    const opensAt = days(2);
    const topic = await createTopic(t.db, { party: "CA", opensAt, closesAt: days(30), translations: { en: { title: "Kept" }, fr: { title: "Gardé" } } });
    const before = await getPublicTopic(t.db, topic.slug, "en", new Date(opensAt.getTime() - 1000));
    const after = await getPublicTopic(t.db, topic.slug, "en", new Date(opensAt.getTime() + 1000));
    expect([before?.status, after?.status]).toEqual(["scheduled", "open"]);
    // One reading kept for both (the same arrays), in the asked language only.
    expect(after?.questions).toBe(before?.questions);
    expect((await getPublicTopic(t.db, topic.slug, "fr"))?.title).toBe("Gardé");
    expect(after?.title).toBe("Kept");
    await advancePublication(t.db);
    expect((await getPublicTopic(t.db, topic.slug, "en"))?.questions).not.toBe(before?.questions);
  });

  it("finds no draft and no unknown slug, and a topic as soon as it is published", async () => {
    const admin = await createUser(t.db, { role: "admin" });
    const by = { id: admin.id, email: admin.email, actor: { id: admin.id, role: "admin" as const, partyCode: null } };
    const draft = await createTopic(t.db, { party: "CA", state: "draft" });
    expect(await getPublicTopic(t.db, draft.slug, "en")).toBeNull();
    expect(await getPublicTopic(t.db, "no-such-topic", "en")).toBeNull();
    await changeTopicState(t.db, by, draft.id, "publish");
    expect((await getPublicTopic(t.db, draft.slug, "en"))?.status).toBe("open");
    await changeTopicState(t.db, by, draft.id, "close");
    expect((await getPublicTopic(t.db, draft.slug, "en"))?.status).toBe("closed");
  });

  it("keep a page of the list per version, filters, page and language; a search is read each time", async () => {
    const topic = await createTopic(t.db, { party: "CA" });
    const s = await createSubmissionFor(t.db, { topicSlug: topic.slug, values: { title: "Listed" } });
    await moderate(t.db, mod, s.reference, { intent: "approve", version: 1, applyToCampaign: false });
    const en = await listPublishedSubmissions(t.db, topic.slug, "en", {});
    expect((await listPublishedSubmissions(t.db, topic.slug, "en", {})).submissions).toBe(en.submissions);
    const fr = await listPublishedSubmissions(t.db, topic.slug, "fr", {});
    expect(fr.submissions).not.toBe(en.submissions);
    expect(fr.submissions[0]?.publishedAtText).not.toBe(en.submissions[0]?.publishedAtText);
    expect((await listPublishedSubmissions(t.db, topic.slug, "en", { page: 2 })).submissions).toEqual([]);
    const searched = await listPublishedSubmissions(t.db, topic.slug, "en", { q: "listed" });
    expect(searched.submissions).toEqual(en.submissions);
    expect((await listPublishedSubmissions(t.db, topic.slug, "en", { q: "listed" })).submissions).not.toBe(searched.submissions);
  });
});

describe("the index of the public list (migration 2026-12-07T10-00)", () => {
  it("lets SQLite list a topic's public submissions newest first from the index alone, without sorting", async () => {
    if (engineOf(t.db) !== "sqlite") return;
    const plan = await sql<{ detail: string }>`explain query plan
      select s.id, s.campaign_id from submissions as s inner join topics as t on t.id = s.topic_id
      where s.status = 'approved' and s.publication in ('named', 'anonymous') and s.approved_from is null
        and t.state in ('published', 'archived') and t.slug = 'x'
      order by coalesce(s.decided_at, s.created_at) desc, s.id desc`.execute(t.db);
    const details = plan.rows.map((r) => r.detail).join("\n");
    expect(details).toContain("USING COVERING INDEX submissions_public_list_idx");
    expect(details).not.toContain("TEMP B-TREE");
  });
});
