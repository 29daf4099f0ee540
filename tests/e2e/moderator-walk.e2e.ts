import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import es from "~/locales/es";
import fr from "~/locales/fr";
import { createReplyTemplate } from "~/models/reply-templates.server";
import { createSubmissionFor, createTopic, createUser } from "../factories";
import { expectAxeClean, signedIn, useE2E, waitForHydration } from "./browser";

/*
 * Issue 18, "done means": a Canadian moderator, in French and then in Spanish (JavaScript on),
 * starts from the dashboard, goes through ten pending submissions of a consultation with "next",
 * claims one and writes an internal note on it, accepts two personal-data suggestions and
 * approves, rejects one with a reply template, unpublishes the approved one; the dashboard's
 * counts match the queue's; the history reads in words. Axe-clean along the way.
 */

const e2e = useE2E();
const messages = { fr, es } as const;
type Locale = keyof typeof messages;
const HOUR = 60 * 60 * 1000;

/** The pass's own consultation, moderator and ten pending submissions, oldest first. */
interface Walk {
  topic: { id: number; slug: string; title: string };
  moderator: { id: number; email: string; display_name: string };
  references: string[];
  template: string;
}
const walks = {} as Record<Locale, Walk>;

const texts = {
  fr: {
    title: "Garderies près des ports",
    piiBody: "Écrivez-moi à helene.cote@example.ca ou au 613-555-0123 : il faut des garderies ouvertes tôt près des ports.",
    body: (n: number) => `Contribution ${n} : les exportatrices ont besoin de données ventilées par sexe.`,
    template: { name: "Hors sujet", body: "Bonjour, votre contribution ne porte pas sur cette consultation ; écrivez-nous pour la bonne." },
  },
  es: {
    title: "Salas cuna cerca de los puertos",
    piiBody: "Escríbame a helene.cote@example.ca o al 613-555-0123: hacen falta salas cuna abiertas temprano cerca de los puertos.",
    body: (n: number) => `Aporte ${n}: las exportadoras necesitan datos desglosados por sexo.`,
    template: { name: "Fuera de tema", body: "Hola, su aporte no trata de esta consulta; escríbanos para encontrar la adecuada." },
  },
} as const;

beforeAll(async () => {
  const db = e2e.t.db;
  for (const locale of ["fr", "es"] as const) {
    const x = texts[locale];
    const moderator = await createUser(db, { role: "moderator", party: "CA", locale });
    const topic = await createTopic(db, { party: "CA", translations: { [locale]: { title: x.title }, en: { title: `${x.title} (en)` } } });
    const references: string[] = [];
    for (let n = 1; n <= 10; n++) {
      const s = await createSubmissionFor(db, {
        topicSlug: topic.slug,
        locale,
        now: new Date(Date.now() - (20 - n) * HOUR),
        values:
          n === 2
            ? { language: locale, contactName: "Hélène Côté", title: `${x.title} 2`, body: x.piiBody }
            : { language: locale, title: `${x.title} ${n}`, body: x.body(n) },
      });
      references.push(s.reference);
    }
    const actor = { id: moderator.id, role: "moderator" as const, partyCode: "CA" };
    await createReplyTemplate(db, actor, "CA", { kind: "rejection", locale, reason: "off_topic", name: x.template.name, body: x.template.body });
    walks[locale] = { topic: { ...topic, title: x.title }, moderator, references, template: x.template.name };
  }
});

/** expect.poll with room for a loaded machine (its default gives a page one second to be drawn). */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });
const h1 = (page: Page) => page.locator("h1").textContent();
/** The dashboard's pending count for a consultation (its row in the queue table). */
const pendingOf = async (page: Page, title: string) => {
  const row = page.locator('[aria-labelledby="dash-queue-table-caption"] tbody tr', { has: page.getByRole("link", { name: title, exact: true }) });
  return Number((await row.locator("td").first().textContent({ timeout: 2000 }))?.trim());
};

describe.each(["fr", "es"] as const)("a moderator's walk in %s", (locale) => {
  it("ten pending submissions with 'next': a claim, a note, two suggestions accepted, a template rejection, an unpublishing; the dashboard matches the queue; the history in words", async () => {
    const m = messages[locale].moderation;
    const d = messages[locale].admin.dashboard;
    const { topic, moderator, references, template } = walks[locale];
    const { context, page, errors } = await signedIn(e2e, locale, moderator);
    await waitForHydration(page);

    // The dashboard: ten pending in the consultation; its link opens the list behind the figure.
    await poll(() => pendingOf(page, topic.title)).toBe(10);
    await page.getByRole("link", { name: topic.title, exact: true }).click();
    await page.waitForURL(new RegExp(`/${locale}/admin/submissions\\?topic=${topic.id}&status=pending$`));
    const caption = (count: number) => m.caption.replace("{{status}}", m.statuses.pending).replace("{{count}}", String(count));
    await poll(() => page.locator("#queue-caption").textContent()).toContain(caption(10));
    await expect(page.locator('.table-wrap[aria-labelledby="queue-caption"] tbody tr td:nth-child(2)').allTextContents()).resolves.toEqual(references);

    // 1: claimed, with an internal note.
    await page.getByRole("link", { name: references[0], exact: true }).click();
    await poll(() => h1(page)).toBe(m.detailTitle.replace("{{reference}}", references[0]!));
    await page.getByRole("button", { name: m.claim.claim, exact: true }).click();
    await page.waitForURL(/saved=claim$/);
    await poll(() => page.locator("#claim-title").locator("..").textContent()).toContain(m.claim.mine.split("{{since}}")[0]!.trim());
    const note = `${locale}: vérifié / verificado con la cámara.`;
    await page.locator("#field-noteBody").fill(note);
    await page.getByRole("button", { name: m.notes.save, exact: true }).click();
    await page.waitForURL(/saved=note$/);
    await page.locator(".note-list").getByText(note).waitFor();
    await page.locator("#field-noteBody").fill("Pas envoyée / no enviada");
    await page.getByRole("link", { name: m.queueNav.next }).click();

    // 2: two suggestions accepted with one click each, the published version saved, approved.
    await poll(() => h1(page)).toBe(m.detailTitle.replace("{{reference}}", references[1]!));
    // Its own text in the redaction editor, not the previous submission's (the page is the same
    // route: what the editor and the forms held must not follow the official to the next one).
    await poll(() => page.locator("#field-body").inputValue()).toBe(texts[locale].piiBody);
    await expect(page.locator("#field-noteBody").inputValue()).resolves.toBe("");
    for (const text of ["helene.cote@example.ca", "613-555-0123"]) {
      await page.getByRole("button", { name: new RegExp(text.replace(/\./g, "\\.")) }).click();
    }
    await poll(() => page.locator("#field-body").inputValue()).toContain("[[helene.cote@example.ca]]");
    await expect(page.locator("#field-body").inputValue()).resolves.toContain("[[613-555-0123]]");
    await expectAxeClean(page, `walk-suggestions-${locale}`);
    await page.getByRole("button", { name: m.saveRedaction }).click();
    await page.waitForURL(/saved=redact$/);
    await page.getByRole("status").filter({ hasText: m.saved.redact }).waitFor();
    await page.getByRole("button", { name: m.approve, exact: true }).click();

    // 3: after the decision, the next one of the same list, which is rejected with a template.
    await page.waitForURL(new RegExp(`/${references[2]}\\?topic=${topic.id}&saved=approve&decided=${references[1]}$`));
    await poll(() => h1(page)).toBe(m.detailTitle.replace("{{reference}}", references[2]!));
    const decidedNext = (reference: string, decision: string) => m.queueNav.decidedNext.replace("{{reference}}", reference).replace("{{decision}}", decision);
    await page
      .getByRole("status")
      .filter({ hasText: decidedNext(references[1]!, m.events.approve) })
      .waitFor();
    const language = messages[locale].languages[locale];
    await expect(page.locator("#reject-title").locator("..").textContent()).resolves.toContain(m.templates.emailLanguage.replace("{{language}}", language));
    await page.getByRole("link", { name: m.templates.useTemplate.replace("{{name}}", template) }).click();
    await page
      .getByRole("status")
      .filter({ hasText: m.templates.inUse.replace("{{name}}", template) })
      .waitFor();
    await poll(() => page.locator("#field-reason").inputValue()).toBe("off_topic");
    await expect(page.locator("#field-note").inputValue()).resolves.toBe(texts[locale].template.body);
    await page.locator("#field-confirm").check();
    await expectAxeClean(page, `walk-template-${locale}`);
    await page.getByRole("button", { name: m.reject, exact: true }).click();

    // 4 to 10 with "next"; the last has none.
    for (let n = 3; n < 10; n++) {
      await poll(() => h1(page)).toBe(m.detailTitle.replace("{{reference}}", references[n]!));
      if (n === 3)
        await page
          .getByRole("status")
          .filter({ hasText: decidedNext(references[2]!, m.events.reject) })
          .waitFor();
      if (n < 9) await page.getByRole("link", { name: m.queueNav.next }).click();
    }
    await expect(page.getByRole("link", { name: m.queueNav.next }).count()).resolves.toBe(0);

    // The approved one is unpublished (it offers that, not "approve").
    await page.goto(`${e2e.server.url}/${locale}/admin/submissions/${references[1]}?topic=${topic.id}&status=all`);
    await waitForHydration(page);
    await expect(page.getByRole("button", { name: m.approve, exact: true }).count()).resolves.toBe(0);
    await page.locator("#field-unpublish-reason").selectOption("third_party_data");
    await page.locator("#field-unpublish-note").fill(texts[locale].piiBody.slice(0, 20));
    await page.locator("#field-confirm").check();
    await page.getByRole("button", { name: m.unpublish, exact: true }).click();
    await page.waitForURL(new RegExp(`saved=unpublish&decided=${references[1]}$`));

    // The dashboard's counts match the queue's: eight left in the consultation, and the country's total.
    await page.goto(`${e2e.server.url}/${locale}/admin`);
    await waitForHydration(page);
    await poll(() => pendingOf(page, topic.title)).toBe(8);
    const totalLink = page.locator("#dash-queue").locator("..").locator(".dashboard__figures a").first();
    const total = Number(/(\d[\d\s\u202f\u00a0.]*)$/.exec((await totalLink.textContent())!.trim())![1]!.replace(/\D/g, ""));
    expect((await totalLink.textContent())!).toContain(d.totalPending.split("{{country}}")[0]!.trim());
    await totalLink.click();
    await poll(() => page.locator("#queue-caption").textContent()).toContain(caption(total));
    await page.goto(`${e2e.server.url}/${locale}/admin/submissions?topic=${topic.id}&status=pending`);
    await waitForHydration(page);
    await poll(() => page.locator("#queue-caption").textContent()).toContain(caption(8));
    // The claimed one says so in the list.
    const claimed = page.locator("tbody tr", { has: page.getByRole("link", { name: references[0], exact: true }) });
    await expect(claimed.textContent()).resolves.toContain(m.claim.queueBadge.replace("{{name}}", moderator.display_name));
    await expectAxeClean(page, `walk-queue-${locale}`);

    // The unpublished one's history, in words: what was done, by whom, why, and what changed.
    await page.goto(`${e2e.server.url}/${locale}/admin/submissions/${references[1]}`);
    await waitForHydration(page);
    const history = page.locator('.table-wrap[aria-labelledby="history-caption"] tbody tr');
    await poll(() => history.locator("td:nth-child(3)").allTextContents()).toEqual([m.events.redact, m.events.approve, m.events.unpublish]);
    expect(new Set(await history.locator("td:nth-child(2)").allTextContents())).toEqual(new Set([moderator.display_name]));
    const unpublished = (await history.nth(2).textContent()) ?? "";
    expect(unpublished).toContain(m.reasons.third_party_data);
    const statuses = messages[locale].receipt.statuses;
    expect(unpublished).toContain(`${statuses.approved} → ${statuses.rejected}`);
    const redacted = history.nth(0);
    await redacted.locator("summary").click();
    const diff = (await redacted.locator(".diff").textContent()) ?? "";
    expect(diff).toContain(`[${m.historyWords.removed} helene.cote@example.ca]`);
    expect(diff).toContain(`[${m.historyWords.added} ${messages[locale].publicSubmissions.redacted}]`);
    expect(await history.allTextContents()).not.toContainEqual(expect.stringMatching(/third_party_data|\[\d|— →/));
    await expectAxeClean(page, `walk-history-${locale}`);

    // What the records hold.
    const rows = await e2e.t.db.selectFrom("submissions").select(["reference", "status", "rejection_reason"]).where("topic_id", "=", topic.id).execute();
    const status = Object.fromEntries(rows.map((r) => [r.reference, `${r.status}${r.rejection_reason ? `:${r.rejection_reason}` : ""}`]));
    expect([status[references[1]!], status[references[2]!], status[references[0]!]]).toEqual(["rejected:third_party_data", "rejected:off_topic", "pending"]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
