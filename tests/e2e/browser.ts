import { mkdirSync } from "node:fs";
import { AxeBuilder } from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { seed } from "../../db/seed/index";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { startMailCatcher, type MailCatcher } from "../helpers/mail";
import { startServer, type RunningServer } from "../helpers/server";
import { formStamp } from "~/utils/submission-guard.server";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-quic",
      "--no-first-run",
      "--disable-sync",
    ],
  });
}

/** WCAG 2.1 A and AA violations on the page, as short strings for readable failures. */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .map((n) => n.target.join(" "))
        .slice(0, 3)
        .join(", ")}`,
  );
}

export const viewports = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 360, height: 740 },
};

export const SHOTS = "tests/e2e/screenshots";

/**
 * The usual set-up of a browser test file: a seeded database, the real server on it (cookies
 * without Secure, as the browser talks plain HTTP to 127.0.0.1) and Chromium. Call at the top
 * level of the file; read the parts inside tests.
 */
/** The e2e server's APP_SECRET, so that a test can sign a form stamp as that server would. */
const E2E_APP_SECRET = "e2e-app-secret-0123456789";

/**
 * Stands for a person who took `seconds` over the submission form: its signed "shown at" stamp is
 * moved back by that much (signed with the e2e server's key) instead of waiting on the wall clock.
 * The minimum fill time itself is tested over HTTP in tests/submissions.test.ts.
 */
export async function tookTime(page: Page, seconds: number): Promise<void> {
  const stamp = formStamp(Date.now() - seconds * 1000, E2E_APP_SECRET);
  await page.locator('input[name="stamp"]').evaluate((input, value) => ((input as HTMLInputElement).value = value), stamp);
}

export function useE2E(options: { seed?: boolean } = {}) {
  const ctx = {} as { t: TestDatabase; server: RunningServer; browser: Browser; mail: MailCatcher };
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ctx.t = await createTestDatabase();
    if (options.seed !== false) await seed(ctx.t.db);
    // One-time links are only in the emails delivered (the outbox masks them): caught here.
    ctx.mail = await startMailCatcher();
    ctx.server = await startServer({ ...ctx.t.env, COOKIE_SECURE: "0", SMTP_URL: ctx.mail.url, APP_SECRET: E2E_APP_SECRET });
    ctx.browser = await launchBrowser();
  });
  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.server?.stop();
    await ctx.mail?.stop();
    await ctx.t?.destroy();
  });
  return ctx;
}

/**
 * Waits until React has hydrated the page (the root component marks <html> with "js").
 * Remix suspends on its first render while it decodes the page's data; a key press or click
 * landing in that window makes React 18 hydrate synchronously and throw "Root did not complete"
 * (error #345), so tests interact only once hydration is over, as the page's own scripts do.
 */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(() => document.documentElement.classList.contains("js"));
  await page.waitForLoadState("networkidle");
}

/**
 * Keeps a full-page screenshot in tests/e2e/screenshots for people to look at. Not on CI, where
 * nobody looks at them and they cost about half a second each on a slow machine.
 */
export async function keepScreenshot(page: Page, name: string) {
  if (process.env.CI === "true") return;
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

/** Runs axe and keeps a screenshot for people to look at. */
export async function expectAxeClean(page: Page, name: string) {
  expect(await axeViolations(page), name).toEqual([]);
  await keepScreenshot(page, name);
}

export async function fillSignIn(page: Page, email: string, password: string, button: string) {
  await page.locator("#field-email").fill(email);
  await page.locator("#field-password").fill(password);
  await page.getByRole("button", { name: button, exact: true }).click();
}

export const signInLabel = { en: "Sign in", fr: "Se connecter", es: "Iniciar sesión" } as const;

/**
 * A browser context signed in as `user` (factory password), on the back office's home; `errors`
 * collects page errors and console errors other than 4xx answers.
 */
export async function signedIn(
  e2e: { server: RunningServer; browser: Browser },
  locale: "en" | "fr" | "es",
  user: { email: string },
  options: { javaScriptEnabled?: boolean; phone?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await e2e.browser.newContext({
    locale,
    viewport: options.phone ? viewports.phone : viewports.desktop,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && !/status of 4\d\d/.test(m.text()) && errors.push(m.text()));
  await page.goto(`${e2e.server.url}/${locale}/login`);
  if (options.javaScriptEnabled !== false) await waitForHydration(page);
  await fillSignIn(page, user.email, "correct horse battery", signInLabel[locale]);
  await page.waitForURL(`**/${locale}/admin`);
  return { context, page, errors };
}
