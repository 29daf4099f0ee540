import { describe, expect, it } from "vitest";
import { supportedLocales } from "~/i18n";
import { getT, instanceFor } from "~/i18next.server";

// ADR 047: pages render with one i18next instance per language, shared by every request, which
// remembers the texts it produced. Each text must stay the one i18next itself gives.

describe("the rendering instances", () => {
  it("are one per language, each in its own language", () => {
    for (const locale of supportedLocales) {
      expect(instanceFor(locale)).toBe(instanceFor(locale));
      expect(instanceFor(locale).language).toBe(locale);
    }
    expect(instanceFor("fr")).not.toBe(instanceFor("es"));
  });

  it("give, asked again and again, the text i18next gives for that language, key and options", () => {
    const asked: Array<[string, Record<string, unknown>?]> = [
      ["publicSubmissions.title"],
      ["publicSubmissions.results", { count: 1 }],
      ["publicSubmissions.results", { count: 2 }],
      ["publicSubmissions.results", { count: "1" }],
      ["publicSubmissions.publishedOn", { date: "6 December 2026" }],
      ["publicSubmissions.publishedOn", { date: "7 December 2026" }],
      ["publicSubmissions.comments.count", { count: 0 }],
      ["publicSubmissions.sentBy", { count: 1 }],
      ["publicSubmissions.sentBy", { count: 12 }],
    ];
    for (const locale of supportedLocales) {
      const reference = getT(locale) as unknown as (key: string, options?: Record<string, unknown>) => string;
      // As react-i18next's useTranslation asks (no language of its own: the instance's).
      const t = instanceFor(locale).getFixedT(null, "common") as unknown as (key: string, options?: Record<string, unknown>) => string;
      for (let round = 0; round < 2; round++)
        for (const [key, options] of asked) expect(t(key, options), `${locale} ${key} ${JSON.stringify(options)}`).toBe(reference(key, options));
    }
    const en = instanceFor("en").getFixedT(null, "common");
    expect(en("publicSubmissions.sentBy", { count: 1 })).toBe("Sent by 1 person");
    expect(en("publicSubmissions.sentBy", { count: 12 })).toBe("Sent by 12 people");
  });

  it("do not remember a text asked with an object among its options", () => {
    const t = instanceFor("en").getFixedT(null, "common") as unknown as (key: string, options?: Record<string, unknown>) => string;
    const date = { toString: () => "first" };
    expect(t("publicSubmissions.publishedOn", { date })).toBe("Published first");
    date.toString = () => "second";
    expect(t("publicSubmissions.publishedOn", { date })).toBe("Published second");
  });
});
