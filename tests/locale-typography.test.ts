import { describe, expect, it } from "vitest";
import fr from "~/locales/fr";
import { formatNumber } from "~/utils/format";

function flatten(value: unknown, prefix = ""): Array<[string, string]> {
  return Object.entries(value as Record<string, unknown>).flatMap(([key, v]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return typeof v === "string" ? [[path, v] as [string, string]] : flatten(v, path);
  });
}

/** The text a reader sees: interpolated variables and web addresses are not French prose. */
const prose = (text: string) => text.replace(/\{\{[^}]*\}\}/g, "x").replace(/https?:\/\/[^\s)]+/g, "");

/** Where French typography is broken in a string: the marks found without a narrow no-break space before them, and straight or English quotes. */
export function frenchTypographyFaults(text: string): string[] {
  const faults: string[] = [];
  const t = prose(text);
  for (const m of t.matchAll(/(^|[^])([:;?!])/g)) {
    const [before, mark] = [m[1], m[2]];
    if (mark === ":" && /\d/.test(before ?? "") && /\d/.test(t[(m.index ?? 0) + 2] ?? "")) continue; // a time, 09:00
    if (before !== "\u202f") faults.push(`${before === " " || before === "\u00a0" ? "plain space" : "no space"} before ${mark}`);
  }
  if (/["“”]/.test(t)) faults.push("quotes other than « »");
  if (/«(?!\u202f)|(?<!\u202f)»/.test(t)) faults.push("« » without a narrow no-break space inside");
  return faults;
}

describe("French typography", () => {
  it("the checker catches what it must", () => {
    expect(frenchTypographyFaults("Motif : {{reason}}")).toEqual(["plain space before :"]);
    expect(frenchTypographyFaults("Motif\u00a0: x")).toEqual(["plain space before :"]);
    expect(frenchTypographyFaults("Vraiment?")).toEqual(["no space before ?"]);
    expect(frenchTypographyFaults('le mot "oui"')).toEqual(["quotes other than « »"]);
    expect(frenchTypographyFaults("le mot « oui »")).toEqual(["« » without a narrow no-break space inside"]);
    expect(frenchTypographyFaults("Motif\u202f: «\u202foui\u202f» à 09:00, https://exemple.org/a?b=c")).toEqual([]);
  });

  it("every French message puts a narrow no-break space before : ; ? ! and uses « » quotes", () => {
    const faults = flatten(fr).flatMap(([key, text]) => frenchTypographyFaults(text).map((fault) => `${key}: ${fault}`));
    expect(faults).toEqual([]);
  });
});

describe("numbers in sentences", () => {
  it("are grouped the way each language writes them", () => {
    expect(formatNumber(20_000, "en")).toBe("20,000");
    expect(formatNumber(20_000, "fr")).toBe("20\u202f000");
    expect(formatNumber(20_000, "es")).toBe("20.000");
    expect(formatNumber(12, "fr")).toBe("12");
  });
});
