import { createHash } from "node:crypto";

/**
 * A fingerprint of a text that is the same for the same letter sent by many people: case,
 * accents, punctuation and spacing are ignored, and so are short lines (greetings, names and
 * signatures such as "Dear Minister," or "María Pérez, Valparaíso"), which are what senders of
 * a form letter usually change. Texts with no line long enough fall back to their whole content.
 */
export function similarityKey(title: string | null, body: string): string {
  const normalise = (text: string) =>
    text
      .normalize("NFKD")
      .replace(/\p{M}+/gu, "")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim();
  const lines = body.split(/\r?\n/).map(normalise).filter(Boolean);
  const long = lines.filter((line) => line.split(" ").length > 5);
  const content = (long.length ? long : lines).join("\n");
  return createHash("sha256")
    .update(`${normalise(title ?? "")}\n${content}`)
    .digest("hex");
}
