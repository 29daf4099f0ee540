import type { Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { createSubmissionFor, createTopic, createUser } from "../factories";
import { expectAxeClean, keepScreenshot, useE2E, waitForHydration, signedIn as signInAs } from "./browser";

/*
 * Issue 6, "done means": a Canadian moderator approves, redacts, tags, translates and rejects
 * submissions of Canadian topics in the browser, with the keyboard alone, and is refused on
 * Chilean ones (route and form tampering included); the history shows every step. The queue and
 * the submission page are axe-clean in the three languages, on a desktop and on a phone.
 */

const e2e = useE2E();

type Locale = "en" | "fr" | "es";
const forbidden = { en: "Access denied", fr: "Accès refusé", es: "Acceso denegado" } as const;

// app/locales/fr.ts, moderation.*
const fr = {
  applyFilters: "Afficher",
  saveRedaction: "Enregistrer la version publiée",
  saveThemes: "Enregistrer les thèmes",
  saveTranslation: "Enregistrer la traduction",
  approve: "Approuver",
  reject: "Rejeter",
  bulkApprove: "Approuver la sélection",
  bulkReject: "Rejeter la sélection",
  group: "Les regrouper en campagne",
  saved: {
    approve: "La contribution a été approuvée ; la personne en a été informée.",
    reject: "La contribution a été rejetée ; la personne en a été informée.",
    redact: "La version publiée a été enregistrée.",
    tag: "Les thèmes ont été enregistrés.",
    translate: "La traduction a été enregistrée.",
    campaign: "Les copies ont été regroupées en campagne.",
  },
  events: {
    approve: "Approuvée",
    reject: "Rejetée",
    redact: "Caviardée",
    tag: "Thèmes modifiés",
    translate: "Traduction enregistrée",
    campaign: "Regroupée en campagne",
  },
  conflict: "Cette contribution a changé depuis que vous l’avez ouverte",
  redacted: "[caviardé]",
  spam: "Pourriel ou publicité",
  thirdParty: "Contient des renseignements personnels sur d’autres personnes",
};

const LETTER =
  "We, workers of the garment sector, ask both governments to publish trade data by sex every year.\nThis is essential for fair policy on women and trade.";

let modCA: { id: number; email: string };
let modCL: { id: number; email: string };
let topicCA = { id: 0, slug: "" };
let topicCA2 = { id: 0, slug: "" };
let topicCL = { id: 0, slug: "" };
let themeCA = 0;
type Made = { reference: string; id: number };
const subs = {} as Record<
  "janeRoe" | "spanish" | "toReject" | "bulk1" | "bulk2" | "copy1" | "copy2" | "tamper" | "noJs" | "conflict" | "clPending" | "clOther",
  Made
>;

beforeAll(async () => {
  const db = e2e.t.db;
  modCA = await createUser(db, { role: "moderator", party: "CA", locale: "fr" });
  modCL = await createUser(db, { role: "moderator", party: "CL", locale: "es" });
  topicCA = await createTopic(db, {
    party: "CA",
    translations: { en: { title: "Childcare and trade" }, fr: { title: "Garde d’enfants et commerce" }, es: { title: "Cuidado infantil y comercio" } },
  });
  topicCA2 = await createTopic(db, {
    party: "CA",
    translations: { en: { title: "Trade data by sex" }, fr: { title: "Données commerciales ventilées par sexe" }, es: { title: "Datos comerciales por sexo" } },
  });
  topicCL = await createTopic(db, { party: "CL", translations: { es: { title: "Mujeres en la minería" } } });
  themeCA = (
    await db
      .insertInto("themes")
      .values({ party_code: "CA", label_en: "Childcare", label_fr: "Garde d’enfants", label_es: "Cuidado infantil", created_at: new Date().toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;

  const make = (topicSlug: string, values: Record<string, string> = {}, locale: Locale = "en") => createSubmissionFor(db, { topicSlug, values, locale });
  subs.janeRoe = await make(
    topicCA.slug,
    {
      language: "fr",
      title: "Des garderies près des usines",
      body: "Ma voisine Jane Roe, qui habite rue des Ormes, est du même avis.\n\nIl faut des garderies ouvertes tôt près des usines exportatrices.",
    },
    "fr",
  );
  subs.spanish = await make(
    topicCA.slug,
    { language: "es", title: "Guarderías y exportación", body: "Las mujeres exportadoras necesitan guarderías con horarios extendidos." },
    "es",
  );
  subs.toReject = await make(topicCA.slug, { body: "Buy cheap watches at our online shop today!" });
  subs.bulk1 = await make(topicCA2.slug, { body: "Publish the customs data by sex of the owner, first note." });
  subs.bulk2 = await make(topicCA2.slug, { body: "Publish the customs data by sex of the owner, second note." });
  subs.copy1 = await make(topicCA2.slug, { title: "Data by sex", body: `Dear ministers,\n${LETTER}\nAna Pérez` });
  subs.copy2 = await make(topicCA2.slug, { title: "Data by sex", body: `Dear ministers,\n${LETTER}\nMarie Tremblay` });
  subs.tamper = await make(topicCA2.slug, { body: "A Canadian submission whose page is tampered with." });
  subs.noJs = await make(topicCA2.slug, { body: "Decided without JavaScript." });
  subs.conflict = await make(topicCA2.slug, { body: "Opened twice, decided twice." });
  subs.clPending = await make(topicCL.slug, { country: "CL", language: "es", body: "Las mineras necesitan salas cuna en faena." }, "es");
  subs.clOther = await make(topicCL.slug, { country: "CL", language: "es", body: "Otro aporte chileno para la selección masiva." }, "es");
});

const signedIn = (locale: "en" | "fr" | "es", user: { email: string }, options?: Parameters<typeof signInAs>[3]) => signInAs(e2e, locale, user, options);

/** Presses Tab (or Shift+Tab) until the target has the focus; fails if it never gets it. */
async function tabTo(page: Page, target: Locator, { back = false, max = 120 } = {}) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
  }
  throw new Error(`Tab never reached ${target}`);
}

/** Moves a focused <select> with the arrow keys until it shows the wanted value. */
async function arrowSelect(page: Page, select: Locator, value: string) {
  await expect(select.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
  for (let i = 0; i < 12; i++) {
    if ((await select.inputValue()) === value) return;
    await page.keyboard.press("ArrowDown");
  }
  throw new Error(`the arrow keys never chose ${value}`);
}

const historyRows = (page: Page) => page.locator('.table-wrap[aria-labelledby="history-caption"] tbody tr');
const historyActions = (page: Page) => historyRows(page).locator("td:nth-child(3)").allTextContents();
const notice = (page: Page, text: string) => page.getByRole("status").filter({ hasText: text }).waitFor();
const row = (reference: string) => e2e.t.db.selectFrom("submissions").selectAll().where("reference", "=", reference).executeTakeFirstOrThrow();
const adminUrl = (locale: Locale, reference = "") => `${e2e.server.url}/${locale}/admin/submissions${reference ? `/${reference}` : ""}`;

/** Every checkbox matching the selector is at least 20 px square (none squeezed by a long label). */
async function expectRoomyCheckboxes(page: Page, selector: string, name: string) {
  const sizes = await page
    .locator(selector)
    .evaluateAll((boxes) => boxes.map((b) => [Math.round(b.getBoundingClientRect().width), Math.round(b.getBoundingClientRect().height)]));
  expect(sizes.length, name).toBeGreaterThan(0);
  expect(
    sizes.filter(([w, h]) => w! < 20 || h! < 20),
    name,
  ).toEqual([]);
}

/** Nothing wider than the screen except inside a table's own scrolling region. */
async function expectNoPageScroll(page: Page, name: string) {
  const wide = await page.evaluate(() =>
    [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !el.parentElement?.closest(".table-wrap"))
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`)
      .slice(0, 5),
  );
  expect(wide, name).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), name).toBe(true);
}

describe("a Canadian moderator, in French, with the keyboard", () => {
  it("filters the queue, redacts, tags, translates and approves a submission; the history shows each step; the public sees the redaction", async () => {
    const { context, page, errors } = await signedIn("fr", modCA);
    await page.goto(adminUrl("fr"));
    await waitForHydration(page);
    await expectAxeClean(page, "moderation-queue-fr");
    const queue = page.locator('.table-wrap[aria-labelledby="queue-caption"]');
    await expect(queue.textContent()).resolves.toContain(subs.spanish.reference);
    await expect(queue.textContent()).resolves.not.toContain(subs.clPending.reference);

    // The filter form, from its <summary>, by keyboard.
    await tabTo(page, page.locator(".filter-panel summary"));
    await page.keyboard.press("Enter");
    await expect(page.locator(".filter-panel").evaluate((d) => (d as HTMLDetailsElement).open)).resolves.toBe(true);
    await tabTo(page, page.locator("#field-q"));
    await page.keyboard.type("garderies");
    await page.keyboard.press("Enter");
    await page.waitForURL(/[?&]q=garderies/);
    await page.locator("#queue-caption", { hasText: "1 au total" }).waitFor();
    const refs = await queue.locator("tbody tr td:nth-child(2)").allTextContents();
    expect(refs).toEqual([subs.janeRoe.reference]);
    await expect(page.locator("#field-q").inputValue()).resolves.toBe("garderies");
    await expectAxeClean(page, "moderation-queue-filtered-fr");

    // Tab to the submission's link, Enter.
    await tabTo(page, page.getByRole("link", { name: subs.janeRoe.reference, exact: true }));
    await page.keyboard.press("Enter");
    // The submission opens with the list's filters, for "next" and "back to the list" (ADR 042).
    await page.waitForURL(new RegExp(`/fr/admin/submissions/${subs.janeRoe.reference}\\?q=garderies$`));
    await waitForHydration(page);
    // A client-side navigation changes the address a moment before the new page is drawn.
    await expect.poll(() => page.locator("h1").textContent()).toBe(`Contribution ${subs.janeRoe.reference}`);
    await expectAxeClean(page, "moderation-submission-fr");
    await expect(historyRows(page).count()).resolves.toBe(1); // "Aucune action pour l’instant."

    // Redact: focus the text to publish, select the name, type it between double brackets.
    const body = page.locator("#field-body");
    await tabTo(page, body);
    await page.keyboard.press("Control+Home");
    const at = (await body.inputValue()).indexOf("Jane Roe");
    expect(at).toBeGreaterThan(0);
    for (let i = 0; i < at; i++) await page.keyboard.press("ArrowRight");
    for (let i = 0; i < "Jane Roe".length; i++) await page.keyboard.press("Shift+ArrowRight");
    await expect(body.evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd))).resolves.toBe("Jane Roe");
    await page.keyboard.type("[[Jane Roe]]");
    await expect(body.inputValue()).resolves.toContain("Ma voisine [[Jane Roe]], qui habite");
    await tabTo(page, page.getByRole("button", { name: fr.saveRedaction }));
    await page.keyboard.press("Enter");
    await page.waitForURL(/[?&]saved=redact$/);
    await notice(page, fr.saved.redact);
    await expect.poll(() => historyActions(page)).toEqual([fr.events.redact]);
    const publishedCopy = page.locator("section[aria-labelledby='received-title'] .published-copy");
    await expect(publishedCopy.textContent()).resolves.toContain(`Ma voisine ${fr.redacted}, qui habite`);
    await expect(publishedCopy.textContent()).resolves.not.toContain("Jane Roe");
    expect((await row(subs.janeRoe.reference)).published_body).toContain("[[redacted]]");

    // Tag: Space on the theme's checkbox, Enter on the button.
    const theme = page.locator(`#theme-${themeCA}`);
    await tabTo(page, theme);
    await page.keyboard.press("Space");
    await expect(theme.isChecked()).resolves.toBe(true);
    await tabTo(page, page.getByRole("button", { name: fr.saveThemes }));
    await page.keyboard.press("Enter");
    await page.waitForURL(/[?&]saved=tag$/);
    await notice(page, fr.saved.tag);
    await expect.poll(() => historyActions(page)).toEqual([fr.events.redact, fr.events.tag]);
    await expect.poll(() => page.locator(`#theme-${themeCA}`).isChecked()).toBe(true);

    // An English translation (English is the first choice; the arrows would change it).
    const language = page.locator("#field-translationLocale");
    await tabTo(page, language);
    await arrowSelect(page, language, "en");
    await tabTo(page, page.locator("#field-translationTitle"));
    await page.keyboard.type("Daycares near the factories");
    await page.keyboard.press("Tab");
    await expect(page.locator("#field-translationBody").evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.type("My neighbour [[Jane Roe]] agrees.\n\nWe need daycares that open early near exporting factories.");
    await tabTo(page, page.getByRole("button", { name: fr.saveTranslation }));
    await page.keyboard.press("Space");
    await page.waitForURL(/[?&]saved=translate$/);
    await notice(page, fr.saved.translate);
    await expect.poll(() => historyActions(page)).toEqual([fr.events.redact, fr.events.tag, fr.events.translate]);
    const translation = page.locator('.moderation-actions .published-copy[lang="en"]');
    await expect(translation.textContent()).resolves.toContain(`My neighbour ${fr.redacted} agrees.`);
    await expect(translation.textContent()).resolves.not.toContain("Jane Roe");

    // Approve: back up to the button.
    await tabTo(page, page.getByRole("button", { name: fr.approve, exact: true }), { back: true });
    await page.keyboard.press("Enter");
    // The last one of the filtered list: back to the list, which says so (ADR 042).
    await page.waitForURL(new RegExp(`/fr/admin/submissions\\?q=garderies&saved=approve&decided=${subs.janeRoe.reference}$`));
    await notice(page, `${subs.janeRoe.reference}\u202f: ${fr.events.approve}. Il n’y a plus de contribution dans cette liste.`);
    await page.goto(adminUrl("fr", subs.janeRoe.reference));
    await waitForHydration(page);
    await expect.poll(() => historyActions(page)).toEqual([fr.events.redact, fr.events.tag, fr.events.translate, fr.events.approve]);
    // Approved: "unpublish" is offered, not "approve" again.
    await expect(page.getByRole("button", { name: fr.approve, exact: true }).count()).resolves.toBe(0);
    await expect(page.getByRole("button", { name: "Dépublier", exact: true }).count()).resolves.toBe(1);
    const who = await historyRows(page).locator("td:nth-child(2)").allTextContents();
    expect(new Set(who)).toEqual(new Set([who[0]]));
    expect(who[0]).toContain("User");
    await expectAxeClean(page, "moderation-submission-fr-approved");
    const decided = await row(subs.janeRoe.reference);
    expect([decided.status, decided.version]).toEqual(["approved", 5]);

    // What the public reads: the redaction mark in French, never the name.
    const publicPage = await context.newPage();
    const res = await publicPage.goto(`${e2e.server.url}/fr/consultations/${topicCA.slug}/submissions/${subs.janeRoe.reference}`);
    expect(res!.status(), "the public page of an approved anonymous submission").toBe(200);
    await waitForHydration(publicPage);
    const main = (await publicPage.locator("main").textContent()) ?? "";
    expect(main).toContain(fr.redacted);
    expect(main).not.toContain("Jane Roe");
    expect(main).toContain("Garde d’enfants"); // the theme
    expect(main).toContain("We need daycares that open early near exporting factories.");
    await expectAxeClean(publicPage, "moderation-public-submission-fr");
    await publicPage.close();

    expect(errors).toEqual([]);
    await context.close();
  });

  it("rejects with a reason chosen with the arrow keys, groups a campaign, and decides a selection from the queue", async () => {
    const { context, page, errors } = await signedIn("fr", modCA);

    await page.goto(adminUrl("fr", subs.toReject.reference));
    await waitForHydration(page);
    const reason = page.locator("#field-reason");
    await tabTo(page, reason);
    await arrowSelect(page, reason, "spam");
    await page.keyboard.press("Tab");
    await expect(page.locator("#field-note").evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.type("Ceci ressemble à une publicité.");
    // A destructive action: its confirmation box, ticked with Space.
    await tabTo(page, page.locator("#field-confirm"));
    await page.keyboard.press("Space");
    await tabTo(page, page.getByRole("button", { name: fr.reject, exact: true }));
    await page.keyboard.press("Enter");
    await page.waitForURL(new RegExp(`saved=reject&decided=${subs.toReject.reference}$`));
    await notice(page, `${subs.toReject.reference}\u202f: ${fr.events.reject}.`);
    await page.goto(adminUrl("fr", subs.toReject.reference));
    await waitForHydration(page);
    await expect.poll(() => historyActions(page)).toEqual([fr.events.reject]);
    const details = (await historyRows(page).first().locator("td:nth-child(4)").textContent()) ?? "";
    expect(details).toContain(fr.spam);
    expect(details).toContain("Ceci ressemble à une publicité.");
    const rejected = await row(subs.toReject.reference);
    expect([rejected.status, rejected.rejection_reason, rejected.rejection_note]).toEqual(["rejected", "spam", "Ceci ressemble à une publicité."]);

    // Two copies of one letter: grouped by keyboard.
    await page.goto(adminUrl("fr", subs.copy1.reference));
    await waitForHydration(page);
    await tabTo(page, page.getByRole("button", { name: fr.group }));
    await page.keyboard.press("Enter");
    await page.waitForURL(/[?&]saved=campaign$/);
    await notice(page, fr.saved.campaign);
    await expect.poll(() => historyActions(page)).toEqual([fr.events.campaign]);
    const [c1, c2] = await Promise.all([row(subs.copy1.reference), row(subs.copy2.reference)]);
    expect(c1.campaign_id).not.toBeNull();
    expect(c2.campaign_id).toBe(c1.campaign_id);

    // The queue: Space on two rows' checkboxes, Enter on "approve the selection".
    await page.goto(`${adminUrl("fr")}?topic=${topicCA2.id}`);
    await waitForHydration(page);
    for (const s of [subs.bulk1, subs.bulk2]) {
      const box = page.getByRole("checkbox", { name: `Sélectionner ${s.reference}` });
      await tabTo(page, box);
      await page.keyboard.press("Space");
      await expect(box.isChecked()).resolves.toBe(true);
    }
    await tabTo(page, page.getByRole("button", { name: fr.bulkApprove }));
    await page.keyboard.press("Enter");
    await page.waitForURL(/done=2/);
    await notice(page, "Une décision a été prise pour 2 contributions.");
    expect((await row(subs.bulk1.reference)).status).toBe("approved");
    expect((await row(subs.bulk2.reference)).status).toBe("approved");
    await page.goto(adminUrl("fr", subs.bulk1.reference));
    await expect.poll(() => historyActions(page)).toEqual([fr.events.approve]);

    expect(errors).toEqual([]);
    await context.close();
  });
});

describe.each(["en", "es", "fr"] as const)("moderation pages in %s", (locale) => {
  it("the queue and a submission page are axe-clean and fit a desktop and a 360 px phone", async () => {
    const moderator = await createUser(e2e.t.db, { role: "moderator", party: "CA", locale });
    for (const phone of [false, true]) {
      const size = phone ? "phone" : "desktop";
      const { context, page, errors } = await signedIn(locale, moderator, { phone });
      await page.goto(adminUrl(locale));
      await waitForHydration(page);
      await expectAxeClean(page, `moderation-queue-${locale}-${size}`);
      await expectNoPageScroll(page, `queue ${locale} ${size}`);
      await expectRoomyCheckboxes(page, 'input[name="selected"]', `queue checkboxes ${locale} ${size}`);
      // The filters, opened.
      await page.locator(".filter-panel summary").click();
      await page.locator("#field-q").waitFor({ state: "visible" });
      await expectAxeClean(page, `moderation-queue-filters-${locale}-${size}`);
      await expectNoPageScroll(page, `queue filters ${locale} ${size}`);

      // A pending submission written in Spanish, with every form.
      await page.goto(adminUrl(locale, subs.spanish.reference));
      await waitForHydration(page);
      await expect(page.locator("#field-body").getAttribute("lang")).resolves.toBe("es");
      await expectAxeClean(page, `moderation-submission-${locale}-${size}`);
      await expectNoPageScroll(page, `submission ${locale} ${size}`);
      await expectRoomyCheckboxes(page, 'input[name="themes"]', `theme checkboxes ${locale} ${size}`);
      // A decided one, with its history and a published copy.
      await page.goto(adminUrl(locale, subs.janeRoe.reference));
      await waitForHydration(page);
      await expectAxeClean(page, `moderation-submission-history-${locale}-${size}`);
      await expectNoPageScroll(page, `submission history ${locale} ${size}`);
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});

describe("refusals", () => {
  it("the Canadian moderator gets the translated 403 page on a Chilean submission, and a tampered form is refused", async () => {
    const { context, page } = await signedIn("fr", modCA);
    const res = await page.goto(adminUrl("fr", subs.clPending.reference));
    expect(res!.status()).toBe(403);
    await expect(page.locator("h1").textContent()).resolves.toBe(forbidden.fr);
    await expect(page.title()).resolves.toContain(forbidden.fr);
    await expect(page.content()).resolves.not.toContain("salas cuna");

    // The approve form of a Canadian submission, pointed at the Chilean one.
    await page.goto(adminUrl("fr", subs.tamper.reference));
    await waitForHydration(page);
    await page.evaluate((action) => {
      const form = document.querySelector('input[name="intent"][value="approve"]')!.closest("form")!;
      form.setAttribute("action", action);
    }, `/fr/admin/submissions/${subs.clPending.reference}`);
    const posted = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes(subs.clPending.reference));
    await tabTo(page, page.getByRole("button", { name: fr.approve, exact: true }), { back: true });
    await page.keyboard.press("Enter");
    expect((await posted).status()).toBe(403);
    await page.locator("h1", { hasText: forbidden.fr }).waitFor();

    // The queue's selection, with a Chilean id slipped in.
    await page.goto(adminUrl("fr"));
    await waitForHydration(page);
    await page.evaluate((value) => {
      const box = document.querySelector<HTMLInputElement>('input[name="selected"]')!;
      box.value = value;
      box.checked = true;
    }, `${subs.clOther.id}:1`);
    const bulk = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/fr/admin/submissions"));
    await page.getByRole("button", { name: fr.bulkApprove }).click();
    expect((await bulk).status()).toBe(403);
    await page.locator("h1", { hasText: forbidden.fr }).waitFor();
    await context.close();

    // The same tampering without JavaScript: the plain form post is refused too.
    const noJs = await signedIn("fr", modCA, { javaScriptEnabled: false });
    await noJs.page.goto(adminUrl("fr", subs.tamper.reference));
    await noJs.page.evaluate((action) => {
      document.querySelector('input[name="intent"][value="approve"]')!.closest("form")!.setAttribute("action", action);
    }, `/fr/admin/submissions/${subs.clPending.reference}`);
    const plain = noJs.page.waitForResponse((r) => r.request().method() === "POST");
    await noJs.page.getByRole("button", { name: fr.approve, exact: true }).click();
    expect((await plain).status()).toBe(403);
    await noJs.page.locator("h1", { hasText: forbidden.fr }).waitFor();
    await noJs.context.close();

    for (const s of [subs.clPending, subs.clOther, subs.tamper]) {
      const after = await row(s.reference);
      expect([s.reference, after.status, after.version]).toEqual([s.reference, "pending", 1]);
    }
    expect(
      await e2e.t.db.selectFrom("moderation_events").select("id").where("submission_id", "in", [subs.clPending.id, subs.clOther.id, subs.tamper.id]).execute(),
    ).toEqual([]);
  });

  it("the Chilean moderator sees only Chilean submissions, is refused on Canadian ones, and decides the Chilean one", async () => {
    const { context, page, errors } = await signedIn("es", modCL);
    await page.goto(adminUrl("es"));
    await waitForHydration(page);
    const queue = (await page.locator('.table-wrap[aria-labelledby="queue-caption"]').textContent()) ?? "";
    expect(queue).toContain(subs.clPending.reference);
    expect(queue).not.toContain(subs.spanish.reference);
    const res = await page.goto(adminUrl("es", subs.spanish.reference));
    expect(res!.status()).toBe(403);
    await expect(page.locator("h1").textContent()).resolves.toBe(forbidden.es);
    await expectAxeClean(page, "moderation-forbidden-es");

    await page.goto(adminUrl("es", subs.clPending.reference));
    await waitForHydration(page);
    await tabTo(page, page.getByRole("button", { name: "Aprobar", exact: true }));
    await page.keyboard.press("Enter");
    await page.waitForURL(new RegExp(`saved=approve&decided=${subs.clPending.reference}$`));
    await page.goto(adminUrl("es", subs.clPending.reference));
    await expect.poll(() => historyActions(page)).toEqual(["Aprobado"]);
    expect((await row(subs.clPending.reference)).status).toBe("approved");
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("without JavaScript", () => {
  it("a decision works through the plain form, and a stale second decision is explained and refused", async () => {
    const { context, page } = await signedIn("fr", modCA, { javaScriptEnabled: false });
    await page.goto(adminUrl("fr", subs.noJs.reference));
    await tabTo(page, page.getByRole("button", { name: fr.approve, exact: true }));
    await page.keyboard.press("Enter");
    await page.waitForURL(new RegExp(`saved=approve&decided=${subs.noJs.reference}$`));
    await notice(page, `${subs.noJs.reference}\u202f: ${fr.events.approve}.`);
    await page.goto(adminUrl("fr", subs.noJs.reference));
    await expect.poll(() => historyActions(page)).toEqual([fr.events.approve]);
    expect((await row(subs.noJs.reference)).status).toBe("approved");

    // The same submission open twice: approved in one, then rejected in the other.
    const first = page;
    const second = await context.newPage();
    await first.goto(adminUrl("fr", subs.conflict.reference));
    await second.goto(adminUrl("fr", subs.conflict.reference));
    await first.getByRole("button", { name: fr.approve, exact: true }).click();
    await first.waitForURL(/saved=approve&decided=/);
    await second.locator("#field-reason").selectOption("third_party_data");
    await second.locator("#field-note").fill("Trop tard.");
    await second.locator("#field-confirm").check();
    const refused = second.waitForResponse((r) => r.request().method() === "POST");
    await second.getByRole("button", { name: fr.reject, exact: true }).click();
    expect((await refused).status()).toBe(409);
    await second.getByRole("alert").filter({ hasText: fr.conflict }).waitFor();
    // What the second page now shows is the submission as it is: approved, one step in the history.
    await expect(second.locator("section[aria-labelledby='received-title'] dd").first().textContent()).resolves.toContain("Approuvée");
    await expect.poll(() => historyActions(second)).toEqual([fr.events.approve]);
    // Approved meanwhile: what applies now is "unpublish", which keeps the reason and note typed.
    await expect(second.locator("#field-unpublish-note").inputValue()).resolves.toBe("Trop tard.");
    await expect(second.locator("#field-unpublish-reason").inputValue()).resolves.toBe("third_party_data");
    await keepScreenshot(second, "moderation-conflict-nojs-fr");
    const after = await row(subs.conflict.reference);
    expect([after.status, after.rejection_reason]).toEqual(["approved", null]);
    await context.close();
  });
});

describe("moving through the queue (ADR 042)", () => {
  const words = {
    fr: { claim: "Je l’examine", release: "Je ne l’examine plus", save: "Ajouter la note", shortcuts: "Raccourcis clavier", mine: "Vous l’examinez depuis" },
    es: {
      claim: "Lo estoy revisando",
      release: "Ya no lo estoy revisando",
      save: "Agregar la nota",
      shortcuts: "Atajos de teclado",
      mine: "Usted lo revisa desde",
    },
  } as const;

  it.each(["fr", "es"] as const)("claims, writes a note and reads the shortcuts in %s, axe-clean on a desktop and a 360 px phone", async (locale) => {
    for (const phone of [false, true]) {
      const size = phone ? "phone" : "desktop";
      const { context, page, errors } = await signedIn(locale, modCA, { phone });
      await page.goto(`${adminUrl(locale, subs.tamper.reference)}?topic=${topicCA2.id}&status=all`);
      await waitForHydration(page);
      await page.getByRole("button", { name: words[locale].claim, exact: true }).click();
      await page.waitForURL(/saved=claim$/);
      await page.getByText(words[locale].mine).waitFor();
      await page.locator("#field-noteBody").fill(`Note ${locale} ${size}: vérifié / verificado.`);
      await page.getByRole("button", { name: words[locale].save, exact: true }).click();
      await page.waitForURL(/saved=note$/);
      await page.locator(".note-list").getByText(`Note ${locale} ${size}`).waitFor();
      await page.locator(".shortcut-help summary", { hasText: words[locale].shortcuts }).click();
      await expectAxeClean(page, `queue-workflow-${locale}-${size}`);
      await expectNoPageScroll(page, `queue workflow ${locale} ${size}`);
      await page.getByRole("button", { name: words[locale].release, exact: true }).click();
      await page.waitForURL(/saved=release$/);
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it("the keys move through the list and to the forms, never while typing in a field", async () => {
    const { context, page, errors } = await signedIn("fr", modCA);
    const start = `${adminUrl("fr", subs.tamper.reference)}?status=all&topic=${topicCA2.id}`;
    await page.goto(start);
    await waitForHydration(page);
    await page.locator("#field-noteBody").focus();
    await page.keyboard.type("jk");
    await expect(page.locator("#field-noteBody").inputValue()).resolves.toBe("jk");
    expect(page.url()).toBe(start);
    await page.locator("#field-noteBody").fill("");
    await page.locator("h1").click();
    await page.keyboard.press("a");
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("approve-button");
    await page.locator("h1").click();
    const next = await page.locator('a[rel="next"]').getAttribute("href");
    expect(next).toContain(`?status=all&topic=${topicCA2.id}`);
    await page.keyboard.press("j");
    await page.waitForURL(`${e2e.server.url}${next}`);
    // The address changes a moment before the next page is drawn; "k" belongs to that page.
    await expect.poll(() => page.locator('a[rel="prev"]').getAttribute("href")).toContain(subs.tamper.reference);
    await page.keyboard.press("k");
    await page.waitForURL(start);
    expect(errors).toEqual([]);
    await context.close();
  });
});
