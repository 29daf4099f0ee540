import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { createEvent } from "../factories";
import { expectAxeClean, keepScreenshot, tookTime, useE2E, viewports, waitForHydration } from "./browser";

// Registering for an event (issue 19, item 3; ADR 045): without JavaScript on a phone in French,
// with it in Spanish; the private link from the email, the calendar file, cancelling, registering
// again, and the waitlist promoting the next person. axe on each page, in the three languages.

const e2e = useE2E();

describe("registering for an event", () => {
  it("registers (JS off, fr; JS on, es), opens the private link, gets the .ics, cancels, registers again; the waitlist is promoted", async () => {
    const event = await createEvent(e2e.t.db, {
      party: "CL",
      capacity: 1,
      format: "hybrid",
      place: "Santiago, Teatinos 180",
      translations: {
        en: { title: "Women in ports: webinar" },
        fr: { title: "Les femmes dans les ports : webinaire" },
        es: { title: "Mujeres en los puertos: seminario web" },
      },
    });
    const form = (lang: string) => `${e2e.server.url}/${lang}/events/${event.slug}/register`;

    // Without JavaScript, on a phone, in French: a problem first, then the place.
    const phone = await e2e.browser.newContext({ locale: "fr-CA", viewport: viewports.phone, javaScriptEnabled: false });
    phone.setDefaultTimeout(10_000);
    const page = await phone.newPage();
    await page.goto(form("fr"));
    await page.locator("#field-name").fill("Marie Tremblay");
    await page.locator("#field-email").fill("marie-event@example.org");
    await page.locator("#field-stakeholderType").selectOption("union");
    await page.locator("#field-country").selectOption("CL");
    await page.locator("#field-region").selectOption("CL-VS");
    await page.locator("#field-needs").fill("Interprétation vers le français");
    await page.getByRole("button", { name: "M’inscrire" }).click();
    await page.locator(".error-summary").waitFor();
    await expect(page.locator('.error-summary a[href="#field-privacy"]').isVisible()).resolves.toBe(true);
    await expect(page.locator("#field-needs").inputValue()).resolves.toBe("Interprétation vers le français");
    await keepScreenshot(page, "event-register-fr-phone-errors");
    await page.locator("#field-gender-woman").check();
    await page.locator("#field-registerConsent").check();
    await page.locator("#field-privacy").check();
    await tookTime(page, 3.1);
    await page.getByRole("button", { name: "M’inscrire" }).click();
    await page.waitForURL(/\/fr\/events\/registrations\/[\w-]{43}\?notice=registered$/);
    await expect.poll(() => page.locator("main").textContent()).toContain("Confirmée");
    await keepScreenshot(page, "event-registration-fr-phone");

    // With JavaScript, in Spanish: the browser checks the form with the same schema; the event is full.
    const desktop = await e2e.browser.newContext({ locale: "es-CL", viewport: viewports.desktop });
    desktop.setDefaultTimeout(10_000);
    const es = await desktop.newPage();
    const errors: string[] = [];
    es.on("pageerror", (e) => errors.push(e.message));
    await es.goto(form("es"));
    await waitForHydration(es);
    await expect(es.locator("main").textContent()).resolves.toContain("Todos los cupos están tomados");
    await es.getByRole("button", { name: "Inscribirme" }).click();
    await expect.poll(() => es.locator(".error-summary").textContent()).toContain("Escriba su nombre.");
    await expectAxeClean(es, "event-register-es-errors");
    await es.locator("#field-name").fill("Bruno Soto");
    await es.locator("#field-email").fill("bruno-event@example.cl");
    await es.locator("#field-stakeholderType").selectOption("academic");
    await es.locator("#field-country").selectOption("CL");
    await es.locator("#field-privacy").check();
    await tookTime(es, 3.1);
    await es.getByRole("button", { name: "Inscribirme" }).click();
    await es.waitForURL(/\/es\/events\/registrations\/[\w-]{43}\?notice=registered$/);
    await expect.poll(() => es.locator("main").textContent()).toContain("En lista de espera");
    await expectAxeClean(es, "event-registration-es-waitlisted");

    // Marie opens her private link from the email (with JavaScript now), gets the calendar file and cancels.
    const link = /http:\/\/\S+\/fr\/events\/registrations\/[\w-]{43}/
      .exec((await e2e.mail.nthTo("marie-event@example.org", 1)).body)![0]
      .replace(/^http:\/\/localhost:\d+/, e2e.server.url);
    const own = await desktop.newPage();
    own.on("pageerror", (e) => errors.push(e.message));
    await own.goto(link);
    await waitForHydration(own);
    await expectAxeClean(own, "event-registration-fr");
    const [download] = await Promise.all([own.waitForEvent("download"), own.getByRole("link", { name: "Ajouter l’événement à mon agenda (.ics)" }).click()]);
    // Unfolded (RFC 5545 folds long lines).
    const ics = (await readFile((await download.path())!, "utf8")).replace(/\r\n[ \t]/g, "");
    expect(ics).toContain("BEGIN:VEVENT");
    expect(ics).toContain("TZID=America/Santiago");
    expect(ics).toContain("meet.example");
    await own.getByRole("link", { name: "Annuler mon inscription" }).click();
    await own.getByRole("button", { name: "Oui, annuler mon inscription" }).waitFor();
    await expectAxeClean(own, "event-registration-cancel-fr");
    await own.getByRole("button", { name: "Oui, annuler mon inscription" }).click();
    await expect.poll(() => own.locator("main").textContent()).toContain("Votre inscription est annulée.");

    // Her place went to Bruno, who is told by email; his page says so.
    expect((await e2e.mail.nthTo("bruno-event@example.cl", 2)).body).toContain("Subject: Puente: tiene un cupo en");
    await es.reload();
    await waitForHydration(es);
    await expect.poll(() => es.locator("main").textContent()).toContain("Confirmada");

    // Marie registers again (without JavaScript, on her phone): the event is full now, so she is on the waitlist.
    await page.goto(link);
    await keepScreenshot(page, "event-registration-cancelled-fr-phone");
    await page.getByRole("link", { name: "M’inscrire de nouveau" }).click();
    await page.locator("#field-name").fill("Marie Tremblay");
    await page.locator("#field-email").fill("marie-event@example.org");
    await page.locator("#field-stakeholderType").selectOption("union");
    await page.locator("#field-country").selectOption("CL");
    await page.locator("#field-privacy").check();
    await tookTime(page, 3.1);
    await page.getByRole("button", { name: "M’inscrire" }).click();
    await page.waitForURL(/\/fr\/events\/registrations\/[\w-]{43}\?notice=registered$/);
    await expect.poll(() => page.locator("main").textContent()).toContain("Sur la liste d’attente");

    // The form in English passes axe too.
    const en = await desktop.newPage();
    await en.goto(form("en"));
    await waitForHydration(en);
    await expectAxeClean(en, "event-register-en");
    expect(errors).toEqual([]);
    await phone.close();
    await desktop.close();
  });
});
