import { describe, expect, it } from "vitest";
import { expectAxeClean, keepScreenshot, tookTime, useE2E, viewports, waitForHydration } from "./browser";

const e2e = useE2E();

describe("taking part", () => {
  it("in French without JavaScript, on a phone: errors are explained, the receipt comes, the link edits and withdraws", async () => {
    const context = await e2e.browser.newContext({ locale: "fr-CA", viewport: viewports.phone, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${e2e.server.url}/fr/consultations/women-in-mining-chile`);
    await page.getByRole("link", { name: "Envoyer une proposition ou un commentaire" }).click();
    await page.waitForURL("**/fr/consultations/women-in-mining-chile/submit");
    await page.locator("#field-title").fill("Garderies sur les sites miniers");
    await page.locator("#field-body").fill("Nous proposons des garderies sur chaque site.");
    await page.locator("#field-stakeholderType").selectOption("union");
    await page.locator("#field-country").selectOption("CL");
    await page.locator("#field-region").selectOption("CL-AN");
    await page.locator("#field-contactName").fill("Marie Tremblay");
    await page.locator("#field-contactEmail").fill("marie@example.org");
    await page.locator("#field-publication-anonymous").check();
    // Forgot the organisation's name and the privacy acknowledgement.
    await page.getByRole("button", { name: "Envoyer ma contribution" }).click();
    await page.locator(".error-summary").waitFor();
    await expect(page.locator('.error-summary a[href="#field-organisationName"]').isVisible()).resolves.toBe(true);
    await expect(page.locator('.error-summary a[href="#field-privacy"]').isVisible()).resolves.toBe(true);
    await expect(page.locator("#field-body").inputValue()).resolves.toBe("Nous proposons des garderies sur chaque site.");
    await keepScreenshot(page, "submit-fr-phone-errors");
    await page.locator("#field-organisationName").fill("Syndicat des mineurs");
    await page.locator("#field-privacy").check();
    await page.locator("#field-attachments").setInputFiles({ name: "mémoire.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%%EOF\n") });
    // The minimum fill time is 3 seconds by default: this person took 3.1.
    await tookTime(page, 3.1);
    await page.getByRole("button", { name: "Envoyer ma contribution" }).click();
    await page.waitForURL(/\/fr\/submissions\/CL-\d{4}-\d{5}\?token=/);
    await expect.poll(() => page.locator("body").textContent()).toContain("Garderies sur les sites miniers");
    await expect(page.locator("body").textContent()).resolves.toContain("mémoire.pdf");
    await keepScreenshot(page, "receipt-fr-phone");

    const reference = new URL(page.url()).pathname.split("/").pop()!;
    const mail = await e2e.t.db.selectFrom("outbox").selectAll().where("to_address", "=", "marie@example.org").executeTakeFirstOrThrow();
    expect(mail.locale).toBe("fr");
    expect(mail.subject).toContain(reference);
    const link = /http:\/\/\S+\/submissions\/[\w-]+\?token=[\w-]+/
      .exec(e2e.mail.lastTo("marie@example.org")!.body)![0]
      .replace(/^http:\/\/localhost:\d+/, e2e.server.url);
    await page.goto(link);
    await page.getByRole("link", { name: "Modifier ma contribution" }).click();
    await page.locator("#field-body").fill("Texte corrigé : des garderies sur chaque site.");
    await page.getByRole("button", { name: "Enregistrer mes modifications" }).click();
    await page.waitForURL(/notice=updated/);
    await expect.poll(() => page.locator("body").textContent()).toContain("Texte corrigé");
    // Withdrawing asks first, on a page of its own.
    await page.getByRole("link", { name: "Retirer ma contribution" }).click();
    await page.waitForURL(/\/withdraw\?/);
    await page.getByRole("button", { name: "Retirer ma contribution" }).click();
    await page.waitForURL(/notice=withdrawn/);
    const row = await e2e.t.db.selectFrom("submissions").select("status").where("reference", "=", reference).executeTakeFirstOrThrow();
    expect(row.status).toBe("withdrawn");
    await context.close();
  });

  it("in Spanish with JavaScript: the form checks itself, counts characters and is axe-clean", async () => {
    const context = await e2e.browser.newContext({ locale: "es-CL", viewport: viewports.desktop });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${e2e.server.url}/es/consultations/women-in-mining-chile/submit`);
    await waitForHydration(page);
    await expectAxeClean(page, "submit-es");
    const posts: string[] = [];
    page.on("request", (r) => r.method() === "POST" && posts.push(r.url()));
    await page.locator("#field-body").fill("Hola");
    await expect(page.locator(".counter").textContent()).resolves.toContain("4 de 20.000");
    await page.getByRole("button", { name: "Enviar mi aporte" }).click();
    await page.locator(".error-summary").waitFor();
    expect(posts).toEqual([]);
    await expectAxeClean(page, "submit-es-errors");
    await page.locator("#field-title").fill("Redes de proveedoras");
    await page.locator("#field-body").fill("Proponemos una red de empresas proveedoras lideradas por mujeres.");
    await page.locator("#field-onBehalf-self").check();
    await page.locator("#field-stakeholderType").selectOption("individual");
    await page.locator("#field-country").selectOption("CL");
    await page.locator("#field-contactName").fill("Ana Soto");
    await page.locator("#field-contactEmail").fill("ana.soto@example.cl");
    await page.locator("#field-publication-named").check();
    await page.locator("#field-gender-woman").check();
    await page.locator("#field-attachments").setInputFiles({ name: "propuesta.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%%EOF\n") });
    await page.locator("#field-privacy").check();
    await tookTime(page, 3.1);
    await page.getByRole("button", { name: "Enviar mi aporte" }).click();
    await page.waitForURL(/\/es\/submissions\/CL-\d{4}-\d{5}\?token=/);
    await page.locator(".receipt").waitFor();
    await expect(page.locator("body").textContent()).resolves.toContain("propuesta.pdf");
    await expectAxeClean(page, "receipt-es");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the receipt and form are axe-clean in English", async () => {
    const context = await e2e.browser.newContext({ locale: "en-CA", viewport: viewports.phone });
    const page = await context.newPage();
    await page.goto(`${e2e.server.url}/en/consultations/sex-disaggregated-trade-data-canada/submit`);
    await waitForHydration(page);
    await expectAxeClean(page, "submit-en-phone");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });
});
