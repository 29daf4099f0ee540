import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import { moderate } from "~/models/moderation.server";
import { buildSummary } from "~/models/summaries.server";
import type { Summary, SummarySubmission } from "~/models/summary-types";
import type { Actor } from "~/utils/permissions";
import { createSubmissionFor, createTopic, createUser, days } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";

let t: TestDatabase;
let areaId = 0;
const topics = { CA: { id: 0, slug: "" }, CL: { id: 0, slug: "" } };
const refs: Record<string, string> = {};

async function all(summary: Summary, order: "reference" | "grouped" = "reference") {
  const out: SummarySubmission[] = [];
  for await (const s of summary.submissions(order)) out.push(s);
  return out;
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
  areaId = (await t.db.selectFrom("workplan_areas").select("id").where("number", "=", 3).executeTakeFirstOrThrow()).id;
  const mods = {
    CA: await createUser(t.db, { role: "moderator", party: "CA" }),
    CL: await createUser(t.db, { role: "moderator", party: "CL" }),
  };
  const actor = (party: "CA" | "CL"): Actor => ({ id: mods[party].id, role: "moderator", partyCode: party });
  for (const party of ["CA", "CL"] as const) {
    const topic = await createTopic(t.db, { party });
    await t.db.updateTable("topics").set({ area_id: areaId }).where("id", "=", topic.id).execute();
    topics[party] = topic;
  }
  const stamp = new Date().toISOString();
  const theme = await t.db
    .insertInto("themes")
    .values({ party_code: "CA", label_en: "Data", label_fr: "Données", label_es: "Datos", created_at: stamp })
    .returning("id")
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto("syntheses")
    .values({ party_code: "CA", area_id: areaId, locale: "fr", text: "Les participantes demandent des données.", updated_at: stamp })
    .execute();

  const make = async (key: string, party: "CA" | "CL", values: Record<string, string>, decide?: "approve" | "reject") => {
    const s = await createSubmissionFor(t.db, { topicSlug: topics[party].slug, values: { country: party, ...values } });
    refs[key] = s.reference;
    if (decide === "approve") await moderate(t.db, actor(party), s.reference, { intent: "approve", version: 1, applyToCampaign: false });
    if (decide === "reject")
      await moderate(t.db, actor(party), s.reference, { intent: "reject", version: 1, reason: "spam", note: "", applyToCampaign: false });
    return s;
  };
  const named = await make(
    "named",
    "CA",
    { publication: "named", contactName: "Jane Named", organisationName: "Union Named", contactEmail: "jane@named.example" },
    "approve",
  );
  await make("anon", "CA", { publication: "anonymous", organisationName: "Hidden Org", contactEmail: "anon@hidden.example" }, "approve");
  await make("officials", "CA", { publication: "officials", body: "OFFICIALS-ONLY letter body." }, "approve");
  await make("rejected", "CA", {}, "reject");
  await make("pending", "CA", {});
  // Three women and one man answering for themselves in Chile: the man's group is under 5.
  for (const [i, gender] of ["woman", "woman", "woman", "woman", "woman", "man"].entries()) {
    await make(
      `cl${i}`,
      "CL",
      { onBehalf: "self", stakeholderType: "individual", organisationName: "", gender, language: "es", body: `Texto ${i} sobre minería.` },
      "approve",
    );
  }
  // A campaign of three identical letters in Canada.
  const letter = "We ask for trade data broken down by sex every year, published openly for everyone.";
  const copies = [];
  for (const name of ["A", "B", "C"]) copies.push(await make(`copy${name}`, "CA", { title: "Same letter", body: `Dear all,\n${letter}\n${name}` }));
  await moderate(t.db, actor("CA"), copies[0]!.reference, { intent: "campaign", version: 1 });
  const v = (await t.db.selectFrom("submissions").select("version").where("id", "=", copies[0]!.id).executeTakeFirstOrThrow()).version;
  await moderate(t.db, actor("CA"), copies[0]!.reference, { intent: "approve", version: v, applyToCampaign: true });
  await moderate(t.db, actor("CA"), named.reference, { intent: "tag", version: 2, themes: [theme.id] });
  await moderate(t.db, actor("CA"), named.reference, {
    intent: "redact",
    version: 3,
    title: "Proposal",
    body: "Keep this. [[Secret name]] removed.",
    attachmentsPublic: true,
    answers: {},
  });
});
afterAll(async () => {
  await t?.destroy();
});

describe("the bilateral summary of area 3", () => {
  it("counts every status per party, officials-only included in the figures", async () => {
    const summary = await buildSummary(t.db, { scope: { kind: "bilateral-area", areaNumber: 3 }, edition: "public", locale: "en" });
    const [ca, cl] = summary.parties;
    expect(ca).toMatchObject({ party: "CA", received: 8, published: 5, officialsOnly: 1, rejected: 1, pending: 1, withdrawn: 0 });
    expect(cl).toMatchObject({ party: "CL", received: 6, published: 6, officialsOnly: 0 });
    // Campaigns count once: 6 approved in Canada, of which 3 copies of one letter.
    expect(ca!.campaigns).toEqual([expect.objectContaining({ senders: 3 })]);
    expect(ca!.distinctContributions).toBe(4);
    expect(ca!.themes).toEqual([{ id: expect.any(Number), label: "Data", count: 1 }]);
    expect(cl!.byStakeholderType.individual).toBe(6);
    expect(cl!.byLanguage.es).toBe(6);
    expect(summary.totals.received).toBe(14);
    expect(summary.meta.scopeLabel).toContain("N bis-03");
  });

  it("shows gender only for a settled consultation, with groups under 5 and what would narrow them withheld", async () => {
    const withheld = { value: null, suppressed: true };
    // Still open: nothing yet (ADR 016).
    const open = await buildSummary(t.db, { scope: { kind: "bilateral-area", areaNumber: 3 }, edition: "committee", locale: "es" });
    expect(Object.values(open.parties[1]!.gender)).toEqual([withheld, withheld, withheld, withheld]);
    // Closed, Chile's with nothing pending: five women and one man of six people asked. The man's
    // group is under 5, and so would be what the five women leave over: both withheld, zeros too.
    const closed = await buildSummary(t.db, { scope: { kind: "bilateral-area", areaNumber: 3 }, edition: "committee", locale: "es", now: days(40) });
    const cl = closed.parties[1]!;
    expect(cl.gender).toEqual({ woman: withheld, man: withheld, another: withheld, prefer_not: withheld });
    expect(closed.totals.gender.man).toEqual(withheld);
  });

  it("public edition: no officials-only submission, no names where anonymity was asked, redactions applied", async () => {
    const summary = await buildSummary(t.db, { scope: { kind: "bilateral-area", areaNumber: 3 }, edition: "public", locale: "fr" });
    const listed = await all(summary);
    expect(listed).toHaveLength(summary.submissionCount);
    const references = listed.map((s) => s.reference);
    expect(references).not.toContain(refs.officials);
    expect(references).not.toContain(refs.rejected);
    expect(references).not.toContain(refs.pending);
    const anon = listed.find((s) => s.reference === refs.anon)!;
    expect([anon.author, anon.organisation]).toEqual([null, null]);
    const named = listed.find((s) => s.reference === refs.named)!;
    expect([named.author, named.organisation]).toEqual(["Jane Named", "Union Named"]);
    expect(named.text).toBe("Keep this. [caviardé] removed.");
    expect(named.themes).toEqual(["Données"]);
    const serialised = JSON.stringify(listed);
    for (const secret of ["@named.example", "@hidden.example", "Hidden Org", "Secret name", "OFFICIALS-ONLY"]) expect(serialised).not.toContain(secret);
    expect(summary.parties[0]!.synthesis).toBe("Les participantes demandent des données.");
    expect(summary.parties[1]!.synthesis).toBeNull();
  });

  it("committee edition: officials-only submissions too, organisations named, never contact details", async () => {
    const summary = await buildSummary(t.db, { scope: { kind: "bilateral-area", areaNumber: 3 }, edition: "committee", locale: "en" });
    const listed = await all(summary, "grouped");
    const references = listed.map((s) => s.reference);
    expect(references).toContain(refs.officials);
    expect(references).not.toContain(refs.pending);
    expect(listed.find((s) => s.reference === refs.anon)!.organisation).toBe("Hidden Org");
    expect(listed.find((s) => s.reference === refs.anon)!.author).toBeNull();
    const serialised = JSON.stringify(listed);
    expect(serialised).not.toMatch(/@\w+\.example/);
    // Grouped: Canada first, the themed one before the untagged ones.
    expect(listed[0]!.reference).toBe(refs.named);
    expect(listed.at(-1)!.party).toBe("CL");
  });

  it("scopes to one topic, one party's period, or a pair of topics; an edition can be frozen to given ids", async () => {
    const topic = await buildSummary(t.db, { scope: { kind: "topic", topicId: topics.CL.id }, edition: "public", locale: "es" });
    expect(topic.parties.map((p) => p.party)).toEqual(["CL"]);
    const today = new Date().toISOString().slice(0, 10);
    const party = await buildSummary(t.db, { scope: { kind: "party", party: "CA", from: "2020-01-01", to: today }, edition: "public", locale: "en" });
    expect(party.parties.map((p) => p.party)).toEqual(["CA"]);
    expect(party.parties[0]!.received).toBeGreaterThanOrEqual(8);
    const pair = await buildSummary(t.db, { scope: { kind: "bilateral-topics", topicIds: [topics.CA.id, topics.CL.id] }, edition: "committee", locale: "en" });
    expect(pair.totals.received).toBe(14);
    const frozen = await buildSummary(t.db, { scope: { kind: "bilateral-area", areaNumber: 3 }, edition: "committee", locale: "en", submissionIds: [] });
    expect(await all(frozen)).toEqual([]);
  });
});

describe("the campaigns table of a public summary (issue 13, item 8)", () => {
  it("names a campaign by its earliest public copy's published title, never an officials-only copy's or a redacted passage", async () => {
    const mod = await createUser(t.db, { role: "moderator", party: "CA" });
    const actor: Actor = { id: mod.id, role: "moderator", partyCode: "CA" };
    const topic = await createTopic(t.db, { party: "CA" });
    const version = async (id: number) => (await t.db.selectFrom("submissions").select("version").where("id", "=", id).executeTakeFirstOrThrow()).version;
    const letter = "Publish every quarter the share of export licences held by women-led firms, by province.";
    // The earliest copy (the smallest reference, its title in capitals) is for officials only; the
    // later, public one has its author's name redacted from its title.
    const secret = await createSubmissionFor(t.db, {
      topicSlug: topic.slug,
      values: { publication: "officials", title: "OPEN LETTER, FROM JANE ROE!", body: `Hello,\n${letter}\nX` },
    });
    const open = await createSubmissionFor(t.db, {
      topicSlug: topic.slug,
      values: { publication: "anonymous", title: "Open letter from Jane Roe", body: `Hello,\n${letter}\nY` },
    });
    await moderate(t.db, actor, open.reference, {
      intent: "redact",
      version: await version(open.id),
      title: "Open letter from [[Jane Roe]]",
      body: `Hello,\n${letter}\nY`,
      attachmentsPublic: true,
      answers: {},
    });
    // The campaign is decided from the public copy; the officials-only one is approved with it.
    await moderate(t.db, actor, open.reference, { intent: "campaign", version: await version(open.id) });
    await moderate(t.db, actor, open.reference, { intent: "approve", version: await version(open.id), applyToCampaign: true });

    const publicSummary = await buildSummary(t.db, { scope: { kind: "topic", topicId: topic.id }, edition: "public", locale: "en" });
    const campaigns = publicSummary.parties[0]!.campaigns;
    expect(campaigns).toEqual([expect.objectContaining({ reference: open.reference, title: "Open letter from [redacted]", senders: 2 })]);
    const listed = await all(publicSummary);
    expect(listed.map((x) => [x.reference, x.title])).toEqual([[open.reference, "Open letter from [redacted]"]]);
    const serialised = JSON.stringify([publicSummary, listed]);
    for (const secretText of ["OPEN LETTER", secret.reference, "Jane Roe", "[[redacted]]"]) expect(serialised).not.toContain(secretText);

    // The committee edition lists officials-only copies too, each in the text that was approved:
    // a copy decided with its campaign reads as the reviewed copy (docs/decisions/015).
    const committee = await buildSummary(t.db, { scope: { kind: "topic", topicId: topic.id }, edition: "committee", locale: "en" });
    expect(committee.parties[0]!.campaigns).toEqual([
      expect.objectContaining({ reference: secret.reference, title: "Open letter from [redacted]", senders: 2 }),
    ]);
    expect(JSON.stringify(committee.parties)).not.toContain("Jane Roe");
    expect(JSON.stringify(committee.parties)).not.toContain("OPEN LETTER");
  });
});
