// The personal-data detector (app/pii/detector.ts, ADR 041) and the marking of accepted
// suggestions (app/pii/accept.ts): what each kind finds, what it must leave alone, and positions.
import { describe, expect, it } from "vitest";
import { decodeAccepted, encodeAccepted, markAccepted, markPassages } from "~/pii/accept";
import { isValidRut, passesLuhn, rutCheckDigit } from "~/pii/checksums";
import { detectPii, type PiiKind } from "~/pii/detector";

/** The passages found in `text`, as "kind:text". */
const found = (text: string, names: string[] = []) => detectPii(text, { names }).map((s) => `${s.kind}:${s.text}`);
const only = (kind: PiiKind, text: string, names: string[] = []) =>
  detectPii(text, { names })
    .filter((s) => s.kind === kind)
    .map((s) => s.text);

describe("check digits", () => {
  it("computes the RUT's módulo 11 digit, K included", () => {
    expect(rutCheckDigit("12345678")).toBe("5");
    expect(rutCheckDigit("11111111")).toBe("1");
    expect(isValidRut("12.345.678-5")).toBe(true);
    expect(isValidRut("12.345.678-4")).toBe(false);
    const withK = ["10000013", "10000021", "10000048", "10000064", "10000080"].find((body) => rutCheckDigit(body) === "K")!;
    expect(isValidRut(`${withK}K`)).toBe(true);
    expect(isValidRut(`${withK}k`)).toBe(true);
  });
  it("applies Luhn to SINs", () => {
    expect(passesLuhn("046454286")).toBe(true);
    expect(passesLuhn("046454287")).toBe(false);
  });
});

describe("detectPii", () => {
  it("finds email addresses, plain, in capitals, with accents and written out with [at]", () => {
    expect(only("email", "Écrivez à ana.perez@example.cl, à INFO@SINDICATO-NORTE.ORG ou à josé@correo.cl.")).toEqual([
      "ana.perez@example.cl",
      "INFO@SINDICATO-NORTE.ORG",
      "josé@correo.cl",
    ]);
    expect(only("email", "ana [at] correo [dot] cl")).toEqual(["ana [at] correo [dot] cl"]);
  });

  it("finds Canadian phone numbers in their usual formats", () => {
    const text = "Call (613) 555-0123, 613-555-0123, 613.555.0123, +1 613 555 0123, 1-800-555-0199 or 514-555-0199 ext. 12.";
    expect(only("phone", text)).toEqual(["(613) 555-0123", "613-555-0123", "613.555.0123", "+1 613 555 0123", "1-800-555-0199", "514-555-0199 ext. 12"]);
  });

  it("finds Chilean phone numbers, and a bare run of digits only when the text says it is a phone", () => {
    const text = "Llame al +56 9 1234 5678, al 9 1234 5678, al +56 2 2123 4567, al (2) 2123 4567 o al +56 32 212 3456.";
    expect(only("phone", text)).toEqual(["+56 9 1234 5678", "9 1234 5678", "+56 2 2123 4567", "(2) 2123 4567", "+56 32 212 3456"]);
    expect(only("phone", "Fono: 912345678.")).toEqual(["912345678"]);
    expect(only("phone", "Se exportaron 912345678 kilos.")).toEqual([]);
  });

  it("finds RUTs whose check digit is right, in every spelling, and no other", () => {
    expect(only("rut", "RUT 12.345.678-5, 12345678-5, 7.654.321-6, 12.345.678-4, 12345678-9.")).toEqual(["12.345.678-5", "12345678-5", "7.654.321-6"]);
    const withK = ["10000013", "10000021", "10000048", "10000064", "10000080"].find((body) => rutCheckDigit(body) === "K")!;
    expect(only("rut", `Mi RUT: ${withK}K`)).toEqual([`${withK}K`]);
    // A wrong check digit right after "RUT" is still someone's (mistyped) RUT; elsewhere it is any number.
    expect(only("rut", "el señor X, RUT 12.345.678-9, y la referencia 12.345.678-9")).toEqual(["12.345.678-9"]);
    expect(detectPii("el señor X, RUT 12.345.678-9, y la referencia 12.345.678-9").map((s) => s.start)).toEqual([16]);
    // Digits alone are a RUT only when called one.
    expect(only("rut", "RUT 123456785")).toEqual(["123456785"]);
  });

  it("finds SINs that pass Luhn, and leaves other nine-digit numbers and amounts alone", () => {
    expect(only("sin", "NAS : 046 454 286 ou 046-454-286 ou 046454286.")).toEqual(["046 454 286", "046-454-286", "046454286"]);
    expect(found("Numéro 046 454 287, 123-456-789.")).toEqual([]);
    expect(found("Un budget de 046 454 286 $ et 046 454 286,50.")).toEqual([]);
    expect(found("Mixed separators 046 454-286.")).toEqual([]);
  });

  it("finds Canadian postal codes, and Chilean ones only after words that name them", () => {
    expect(only("postal_code", "Ottawa K1A 0B1, Montréal H2X1Y4, h3z 2y7, Toronto M5V-2T6.")).toEqual(["K1A 0B1", "H2X1Y4", "h3z 2y7", "M5V-2T6"]);
    expect(only("postal_code", "Santiago, código postal 8320000; CP 8340518; postal code 7500000.")).toEqual(["8320000", "8340518", "7500000"]);
    expect(found("La comuna tiene 8320000 habitantes.")).toEqual([]);
  });

  it("finds street addresses in English, French and Spanish", () => {
    expect(only("address", "Our office is at 123 Main Street, and at 1600 Sussex Drive NW.")).toEqual(["123 Main Street", "1600 Sussex Drive NW"]);
    expect(only("address", "Au 45, rue Sainte-Catherine Ouest et au 3 chemin du Lac.")).toEqual(["45, rue Sainte-Catherine Ouest", "3 chemin du Lac"]);
    expect(only("address", "En Av. Libertador Bernardo O'Higgins 1234, depto. 5 y en calle Los Aromos N° 567.")).toEqual([
      "Av. Libertador Bernardo O'Higgins 1234, depto. 5",
      "calle Los Aromos N° 567",
    ]);
    // Lower-case words are not a street's name; a number then "rues" is not an address.
    expect(found("En 2024, place des femmes dans le commerce; 12 rues fermées; la calle durante 2024.")).toEqual([]);
  });

  it("finds web addresses without the sentence's punctuation", () => {
    expect(only("url", "See https://example.org/report?id=3. Also (www.gob.cl) and puente.gc.ca/fr.")).toEqual([
      "https://example.org/report?id=3",
      "www.gob.cl",
      "puente.gc.ca/fr",
    ]);
  });

  it("finds the contact's names whatever their case and accents, as one passage when they follow each other", () => {
    const names = ["María José de la Fuente"];
    expect(only("name", "Firmado: MARIA JOSE DE LA FUENTE. Como dijo maría josé, y la señora Fuente…", names)).toEqual([
      "MARIA JOSE DE LA FUENTE",
      "maría josé",
      "Fuente",
    ]);
    expect(only("name", "Le rapport d'Hélène et d’Hélène Côté.", ["Helene Cote"])).toEqual(["Hélène", "Hélène Côté"]);
    // Other people's names are not the contact's; particles alone are not names.
    expect(only("name", "Como dijo Gabriela Mistral, de la tierra.", names)).toEqual([]);
  });

  it("leaves the plan's articles, dates, years, amounts and decimals alone", () => {
    const text =
      "Article N bis-03 and chapter N bis, 14 bis; on 12-05-2024, 2024-05-12 and 12/05/2024; in 2024–2025; $1,234,567.89; 12.345.678 pesos; 3,14 %; 3.14159; ISBN 978-3-16-148410-0; Ley N° 20.348.";
    expect(found(text)).toEqual([]);
  });

  it("gives UTF-16 positions such that text.slice(start, end) is the passage, accents before it included", () => {
    const text = "Señora Núñez — ñandú — écrit à ana@example.cl et appelle le 613-555-0123.";
    for (const s of detectPii(text, { names: ["Ana Núñez"] })) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(found(text, ["Ana Núñez"])).toEqual(["name:Núñez", "email:ana@example.cl", "phone:613-555-0123"]);
  });

  it("never suggests what is already marked for removal, and never two overlapping passages", () => {
    expect(found("[[ana@example.cl]] and [[redacted]] then bob@example.cl")).toEqual(["email:bob@example.cl"]);
    // The name inside the email address goes with it.
    expect(found("ana.perez@example.cl", ["Ana Pérez"])).toEqual(["email:ana.perez@example.cl"]);
  });
});

describe("accepting suggestions", () => {
  it("encodes a ticked suggestion and reads it back, refusing anything else", () => {
    const value = encodeAccepted({ field: "answer_12", start: 3, end: 17, text: "ana@example.cl" });
    expect(decodeAccepted(value)).toEqual({ field: "answer_12", start: 3, end: 17, text: "ana@example.cl" });
    expect(decodeAccepted("body:3:5:abc")).toBeNull(); // the length does not match
    expect(decodeAccepted("contact_email:0:3:abc")).toBeNull();
  });

  it("marks passages where they were, or at their nearest occurrence if the text moved, and refuses a passage that is gone", () => {
    const text = "Mail ana@example.cl or ana@example.cl";
    expect(markPassages(text, [{ start: 23, end: 37, text: "ana@example.cl" }])).toBe("Mail ana@example.cl or [[ana@example.cl]]");
    expect(markPassages(`Hello. ${text}`, [{ start: 23, end: 37, text: "ana@example.cl" }])).toBe("Hello. Mail ana@example.cl or [[ana@example.cl]]");
    expect(markPassages("nothing here", [{ start: 0, end: 3, text: "ana" }])).toBeNull();
    // Overlapping passages are removed as one.
    expect(
      markPassages("Ana Pérez wrote", [
        { start: 0, end: 3, text: "Ana" },
        { start: 0, end: 9, text: "Ana Pérez" },
      ]),
    ).toBe("[[Ana Pérez]] wrote");
  });

  it("marks each field's own suggestions, and refuses an answer the form did not send", () => {
    const texts = { title: "From Ana", body: "Call 613-555-0123", answers: { "4": "ana@example.cl" } };
    expect(
      markAccepted(texts, [
        { field: "title", start: 5, end: 8, text: "Ana" },
        { field: "answer_4", start: 0, end: 14, text: "ana@example.cl" },
      ]),
    ).toEqual({ title: "From [[Ana]]", body: "Call 613-555-0123", answers: { "4": "[[ana@example.cl]]" } });
    expect(markAccepted(texts, [{ field: "answer_9", start: 0, end: 3, text: "ana" }])).toBeNull();
  });
});
