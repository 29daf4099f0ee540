import { Fragment } from "react";

export type Block = { kind: "p" | "ul"; lines: string[] };
const LIST_ITEM = /^\s*[-*•]\s+/;

/** Paragraphs are separated by blank lines; consecutive lines starting with "- " form a list. */
export function parseBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of text.replace(/\r\n?/g, "\n").split(/\n\s*\n/)) {
    let current: Block | null = null;
    for (const raw of chunk.split("\n")) {
      const line = raw.trim();
      if (!line) continue;
      const kind = LIST_ITEM.test(line) ? "ul" : "p";
      const content = kind === "ul" ? line.replace(LIST_ITEM, "") : line;
      if (current && current.kind === kind) {
        current.lines.push(content);
      } else {
        current = { kind, lines: [content] };
        blocks.push(current);
      }
    }
  }
  return blocks;
}

/** Renders topic bodies. Text is never parsed as HTML, so any markup stays visible text. */
export function RichText({ text, lang }: { text: string; lang?: string }) {
  return (
    <div className="rich-text" lang={lang}>
      {parseBlocks(text).map((block, i) =>
        block.kind === "ul" ? (
          <ul key={i}>
            {block.lines.map((l, j) => (
              <li key={j}>{l}</li>
            ))}
          </ul>
        ) : (
          <p key={i}>
            {block.lines.map((l, j) => (
              <Fragment key={j}>
                {j > 0 && <br />}
                {l}
              </Fragment>
            ))}
          </p>
        ),
      )}
    </div>
  );
}
