import { describe, expect, it } from "vitest";
import { moderate } from "~/models/moderation.server";
import { publishOutcome, saveOutcome } from "~/models/outcomes.server";
import { createSubmissionFor, createTopic, createUser } from "../factories";
import { expectAxeClean, keepScreenshot, signedIn, useE2E, waitForHydration } from "./browser";

// Issue 17, items 5 and 6 on a phone (390 px wide): a proposal's conversation, commenting on it
// with and without JavaScript, and the response of a closed consultation, in three languages.

const e2e = useE2E();
const phone = { width: 390, height: 844 };
const HOUR = 3_600_000;
const locales = ["en", "fr", "es"] as const;

async function setUp() {
  const db = e2e.t.db;
  const user = await createUser(db, { role: "moderator", party: "CL" });
  const actor = { id: user.id, role: "moderator" as const, partyCode: "CL" };
  const approve = async (reference: string) => {
    const { version } = await db.selectFrom("submissions").select("version").where("reference", "=", reference).executeTakeFirstOrThrow();
    await moderate(db, actor, reference, { intent: "approve", version, applyToCampaign: false });
  };
  const open = await createTopic(db, {
    party: "CL",
    translations: { es: { title: "Cuidados en la minería" }, en: { title: "Care in mining" }, fr: { title: "Soins dans les mines" } },
  });
  const proposal = await createSubmissionFor(db, {
    topicSlug: open.slug,
    values: {
      country: "CL",
      region: "CL-BI",
      title: "Salas cuna en faenas",
      body: "Proponemos salas cuna en cada faena.",
      language: "es",
      publication: "named",
    },
  });
  await approve(proposal.reference);
  for (const [body, publication, contactName] of [
    ["Apoyamos la propuesta, con horarios extendidos.", "named", "Rosa Pérez"],
    ["We support it; shifts of 7 by 7 need night care too.", "anonymous", "Hidden Name"],
  ] as const) {
    const c = await createSubmissionFor(db, {
      topicSlug: open.slug,
      values: {
        kind: "comment",
        inReplyTo: proposal.reference,
        title: "",
        body,
        publication,
        contactName,
        country: "CL",
        region: "CL-AN",
        language: body.startsWith("We") ? "en" : "es",
      },
    });
    await approve(c.reference);
  }
  const closed = await createTopic(db, {
    party: "CL",
    opensAt: new Date(Date.now() - 40 * 24 * HOUR),
    closesAt: new Date(Date.now() - HOUR),
    translations: { es: { title: "Brecha salarial en el litio" }, en: { title: "Pay gap in lithium" }, fr: { title: "Écart salarial dans le lithium" } },
  });
  const v = await saveOutcome(db, actor, closed.id, {
    version: 0,
    editionId: null,
    texts: {
      es: {
        heard: "Recibimos 42 aportes. La mayoría pidió datos por sexo.\n\n- Sindicatos: salas cuna\n- Empresas: formación",
        actions: "Publicaremos datos por sexo cada año.",
        nextSteps: "Un informe en junio.",
      },
      en: { heard: "We received 42 submissions. Most asked for data by sex.", actions: "We will publish data by sex every year.", nextSteps: "" },
    },
  });
  await publishOutcome(db, actor, closed.id, v);
  return { open, closed, proposal, user };
}

describe("conversations and outcomes on a phone", () => {
  it("shows the proposal's comments and the consultation's response, axe-clean, in three languages", async () => {
    const { open, closed, proposal } = await setUp();
    const context = await e2e.browser.newContext({ viewport: phone });
    const page = await context.newPage();
    for (const locale of locales) {
      await page.goto(`${e2e.server.url}/${locale}/consultations/${open.slug}/submissions/${proposal.reference}`);
      await waitForHydration(page);
      await expect(page.locator("#comments li").count()).resolves.toBe(2);
      await expect(page.content()).resolves.not.toContain("Hidden Name");
      await expectAxeClean(page, `proposal-comments-${locale}-phone`);
      await page.goto(`${e2e.server.url}/${locale}/consultations/${closed.slug}`);
      await waitForHydration(page);
      await expect(page.locator("#outcome").isVisible()).resolves.toBe(true);
      await expectAxeClean(page, `outcome-${locale}-phone`);
    }
    await context.close();
  });

  it("without JavaScript, 'Comment on this proposal' opens the form as a comment answering it", async () => {
    const { open, proposal } = await setUp();
    const context = await e2e.browser.newContext({ viewport: phone, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${e2e.server.url}/es/consultations/${open.slug}/submissions/${proposal.reference}`);
    await page.getByRole("link", { name: "Comentar esta propuesta" }).click();
    await page.waitForURL(/\/submit\?kind=comment&inReplyTo=/);
    await expect.poll(() => page.locator("#field-kind-comment").isChecked()).toBe(true);
    await expect(page.locator("#field-inReplyTo").inputValue()).resolves.toBe(proposal.reference);
    // axe needs scripts in the page; the same form is checked with JavaScript above and in submissions.e2e.ts.
    await keepScreenshot(page, "comment-form-es-phone-nojs");
    await context.close();
  });

  it("the officials' page: the server's translated error beside the field, then published and shown, axe-clean", async () => {
    const { closed, user } = await setUp();
    const { context, page, errors } = await signedIn(e2e, "fr", user, { phone: true });
    await page.goto(`${e2e.server.url}/fr/admin/topics/${closed.id}/outcome`);
    await waitForHydration(page);
    await page.locator("#field-fr_heard").fill("Nous avons entendu.");
    await page.getByRole("button", { name: "Enregistrer le brouillon" }).click();
    await page.locator("#field-fr_actions-error").waitFor();
    await expect(page.locator("#field-fr_actions-error").textContent()).resolves.toContain("Indiquez ce qui sera fait.");
    await expectAxeClean(page, "outcome-admin-error-fr-phone");
    await page.locator("#field-fr_actions").fill("Nous agirons.");
    await page.getByRole("button", { name: "Enregistrer et publier" }).click();
    await page.waitForURL(/saved=publish/);
    await expectAxeClean(page, "outcome-admin-published-fr-phone");
    await page.goto(`${e2e.server.url}/fr/consultations/${closed.slug}`);
    await expect.poll(() => page.locator("#outcome").textContent()).toContain("Nous avons entendu.");
    expect(errors).toEqual([]);
    await context.close();
  });
});
