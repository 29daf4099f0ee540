import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import { toActor, type Actor } from "~/utils/permissions";
import { getForModeration, moderate } from "~/models/moderation.server";
import { getPublishedSubmission } from "~/models/published-submissions.server";
import { submissionFormValues, updateOwnSubmission } from "~/models/submissions.server";
import { submissionFormSchema } from "~/schemas/submission";
import { createSubmissionFor, createTopic, createUser } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { publicView } from "./helpers/public-view";

// Issue 13, "Published without review": the public sees only text a moderator approved, in
// exactly that version, with the person's publication choice respected.
let t: TestDatabase;
let mod: Actor;

beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
  mod = toActor(await createUser(t.db, { role: "moderator", party: "CA" }));
});
afterAll(async () => t?.destroy());

const row = (reference: string) => t.db.selectFrom("submissions").selectAll().where("reference", "=", reference).executeTakeFirstOrThrow();
const LETTER =
  "We, workers of the garment sector, ask both governments to publish trade data by sex every year.\nThis is essential for fair policy on women and trade.";

/** The form values of a stored submission with some fields changed, as the edit page would send. */
async function editAs(reference: string, token: string, changes: Record<string, string>) {
  const r = await row(reference);
  const values = submissionFormSchema.parse({ ...submissionFormValues(r), ...changes });
  await updateOwnSubmission(t.db, reference, token, values, r.version);
}

async function campaignOf(topicSlug: string, signatures: Array<{ name: string; publication?: string }>) {
  const copies = [];
  for (const s of signatures) {
    copies.push(
      await createSubmissionFor(t.db, {
        topicSlug,
        values: { title: "Data by sex", body: `Dear ministers,\n${LETTER}\n${s.name}`, contactName: s.name, publication: s.publication ?? "anonymous" },
      }),
    );
  }
  await moderate(t.db, mod, copies[0]!.reference, { intent: "campaign", version: 1 });
  return copies;
}

describe("item 4: a campaign decision publishes only the text a moderator reviewed", () => {
  it("(a) a grouped copy rewritten through its edit link leaves the campaign and is not approved by it", async () => {
    const topic = await createTopic(t.db, { party: "CA" });
    const [a, b, c] = await campaignOf(topic.slug, [{ name: "Ana Pérez" }, { name: "Bruno Díaz" }, { name: "Carla Ruiz" }]);
    await editAs(b!.reference, b!.token!, { body: `Dear ministers,\n${LETTER}\nBuy cheap watches at spam.example now, limited offer today.` });
    expect((await row(b!.reference)).campaign_id).toBeNull();
    const view = await getForModeration(t.db, mod, a!.reference, "en");
    // The pending copies the campaign decision would decide: only Carla's.
    expect(view.campaignPending).toBe(1);
    await moderate(t.db, mod, a!.reference, { intent: "approve", version: (await row(a!.reference)).version, applyToCampaign: true });
    expect((await row(b!.reference)).status).toBe("pending");
    expect((await row(c!.reference)).status).toBe("approved");
    const { blob } = await publicView(t.db, topic);
    expect(blob).not.toContain("spam.example");
  });

  it("(b) a later copy padded with short lines is offered for review, not approved with the campaign", async () => {
    const topic = await createTopic(t.db, { party: "CA" });
    const [a] = await campaignOf(topic.slug, [{ name: "Ana Pérez" }, { name: "Bruno Díaz" }]);
    const padded = await createSubmissionFor(t.db, {
      topicSlug: topic.slug,
      values: { title: "Data by sex", body: `Dear ministers,\nVisit spam.example today\n${LETTER}\nCall 555 0199 now\nAna Pérez` },
    });
    expect((await row(padded.reference)).campaign_id).toBeNull();
    const identical = await createSubmissionFor(t.db, {
      topicSlug: topic.slug,
      values: { title: "Data by sex", body: `Dear ministers,\n${LETTER}\nAna Pérez` },
    });
    expect((await row(identical.reference)).campaign_id).toBe((await row(a!.reference)).campaign_id);
    await moderate(t.db, mod, a!.reference, { intent: "approve", version: (await row(a!.reference)).version, applyToCampaign: true });
    expect((await row(padded.reference)).status).toBe("pending");
    const { blob } = await publicView(t.db, topic);
    expect(blob).not.toContain("spam.example");
    expect(blob).not.toContain("555 0199");
  });
});

describe("item 5: an edit after a redaction", () => {
  it("invalidates the earlier redaction and translations; approving publishes the edited text", async () => {
    const topic = await createTopic(t.db, { party: "CA" });
    const s = await createSubmissionFor(t.db, {
      topicSlug: topic.slug,
      values: { title: "Childcare", body: "Call me at 555 0123.\nWe need childcare near the port." },
    });
    await moderate(t.db, mod, s.reference, {
      intent: "redact",
      version: 1,
      title: "Childcare",
      body: "Call me at [[555 0123]].\nWe need childcare near the port.",
      attachmentsPublic: true,
      answers: {},
    });
    await moderate(t.db, mod, s.reference, {
      intent: "translate",
      version: 2,
      translationLocale: "fr",
      translationTitle: "Garde",
      translationBody: "Appelez le 555 0123.",
    });
    await editAs(s.reference, s.token!, { body: "We need childcare near the port, and longer hours." });
    const edited = await row(s.reference);
    expect([edited.published_title, edited.published_body]).toEqual([null, null]);
    const view = await getForModeration(t.db, mod, s.reference, "en");
    expect(view.translations).toEqual([]);
    // The moderation page says what the edit undid.
    expect(view.history.at(-1)).toMatchObject({ action: "submitter_edit", after: { invalidated: { redaction: true, translations: ["fr"] } } });
    await moderate(t.db, mod, s.reference, { intent: "approve", version: edited.version, applyToCampaign: false });
    const published = await getPublishedSubmission(t.db, topic.slug, s.reference, "en");
    expect(published?.text).toBe("We need childcare near the port, and longer hours.");
    expect(published?.translations).toEqual([]);
    expect((await publicView(t.db, topic)).blob).not.toContain("555 0123");
  });
});

describe("item 6: a title redacted to nothing", () => {
  it("is published without a title, not with the original one", async () => {
    const topic = await createTopic(t.db, { party: "CA" });
    const s = await createSubmissionFor(t.db, {
      topicSlug: topic.slug,
      values: { title: "Jane Roe of 12 Elm St complains", body: "We need childcare near the port." },
    });
    await moderate(t.db, mod, s.reference, {
      intent: "redact",
      version: 1,
      title: "",
      body: "We need childcare near the port.",
      attachmentsPublic: true,
      answers: {},
    });
    expect((await row(s.reference)).published_title).toBe("");
    await moderate(t.db, mod, s.reference, { intent: "approve", version: 2, applyToCampaign: false });
    expect((await getPublishedSubmission(t.db, topic.slug, s.reference, "en"))?.title).toBeNull();
    expect((await publicView(t.db, topic)).blob).not.toContain("Jane Roe");
  });
});

describe("item 7: a campaign approval", () => {
  it("publishes the reviewed text once with the number of senders, never another copy's signature", async () => {
    const topic = await createTopic(t.db, { party: "CA" });
    const [a, b, c] = await campaignOf(topic.slug, [
      { name: "Marie Tremblay", publication: "named" },
      { name: "Hidden Signer", publication: "anonymous" },
      { name: "Named Signer", publication: "named" },
    ]);
    await moderate(t.db, mod, a!.reference, { intent: "approve", version: (await row(a!.reference)).version, applyToCampaign: true });
    expect((await Promise.all([a, b, c].map((x) => row(x!.reference)))).map((r) => r.status)).toEqual(["approved", "approved", "approved"]);
    const { records, blob } = await publicView(t.db, topic);
    expect(blob).not.toContain("Hidden Signer");
    expect(blob).not.toContain("Named Signer");
    expect(new Set(records.map((r) => r.reference))).toEqual(new Set([a!.reference]));
    expect(records.find((r) => r.surface === "page")).toMatchObject({ text: `Dear ministers,\n${LETTER}\nMarie Tremblay`, campaignSenders: 3 });
  });
});
