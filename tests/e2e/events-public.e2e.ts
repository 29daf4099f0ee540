// The public events (issue 19, item 2): the list, its filters and an event's page in three
// languages — JavaScript off in Spanish, on in French and English — axe-clean, on a phone for one.
import { describe, expect, it } from "vitest";
import { seedDemoEvents } from "../../scripts/demo-events";
import { expectAxeClean, keepScreenshot, useE2E, viewports, waitForHydration } from "./browser";

const e2e = useE2E();

const text = {
  es: {
    title: "Eventos",
    country: "País",
    show: "Mostrar",
    chile: "Chile",
    event: /Taller: mujeres exportadoras/,
    register: "Inscribirse",
    held: "Diálogo con la sociedad civil",
  },
  fr: {
    title: "Événements",
    country: "Pays",
    show: "Afficher",
    chile: "Chili",
    event: /Atelier\s: les exportatrices/,
    register: "S’inscrire",
    held: "Dialogue avec la société civile",
  },
  en: {
    title: "Events",
    country: "Country",
    show: "Show",
    chile: "Chile",
    event: /Workshop: women exporters/,
    register: "Register",
    held: "Dialogue with civil society",
  },
} as const;

describe("public events", () => {
  for (const [locale, js, phone] of [
    ["es", false, true],
    ["fr", true, true],
    ["en", true, false],
  ] as const) {
    it(`${locale}, JavaScript ${js ? "on" : "off"}${phone ? ", on a phone" : ""}: the list, a filter, an event and a held one's figures`, async () => {
      if (locale === "es") await seedDemoEvents(e2e.t.db);
      const tx = text[locale];
      const context = await e2e.browser.newContext({ locale, viewport: phone ? viewports.phone : viewports.desktop, javaScriptEnabled: js });
      const page = await context.newPage();
      const axe = js ? expectAxeClean : keepScreenshot;
      await page.goto(`${e2e.server.url}/${locale}`);
      if (js) await waitForHydration(page);
      await page.getByRole("navigation").getByRole("link", { name: tx.title, exact: true }).click();
      await page.waitForURL(`**/${locale}/events`);
      if (js) await waitForHydration(page);
      await expect.poll(() => page.locator("h1").textContent()).toBe(tx.title);
      await axe(page, `events-list-${locale}${phone ? "-phone" : ""}`);

      // The filter form is a GET: it works without JavaScript too.
      await page.getByLabel(tx.country).selectOption("CL");
      await page.getByRole("button", { name: tx.show }).click();
      await page.waitForURL(/country=CL/);
      // The address changes before a client-side navigation draws the new list: wait for the list itself.
      await expect.poll(() => page.locator("main").textContent()).not.toMatch(/Ottawa/);
      expect(await page.locator("main").textContent()).toMatch(tx.event);

      await page.getByRole("link", { name: tx.event }).first().click();
      await page.waitForURL(`**/${locale}/events/taller-mujeres-exportadoras-santiago`);
      if (js) await waitForHydration(page);
      await expect.poll(() => page.locator("h1").textContent()).toMatch(tx.event);
      await expect(page.getByRole("link", { name: tx.register, exact: true }).count()).resolves.toBe(1);
      expect(await page.content()).not.toContain("meet.example");
      await axe(page, `event-page-${locale}${phone ? "-phone" : ""}`);

      await page.goto(`${e2e.server.url}/${locale}/events/dialogo-sociedad-civil-valparaiso`);
      if (js) await waitForHydration(page);
      expect(await page.locator("h1").textContent()).toContain(tx.held);
      expect(await page.locator("table").count()).toBe(5);
      await axe(page, `event-held-${locale}${phone ? "-phone" : ""}`);
      // Nothing wider than a phone's screen.
      if (phone) expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await context.close();
    });
  }
});
