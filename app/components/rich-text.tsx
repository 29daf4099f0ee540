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

const LINK = /\[([^\]\n]{1,200})\]\(((?:https?:\/\/|mailto:)[^\s)]{1,2000})\)|(https?:\/\/[^\s<>()]{1,2000}[^\s<>().,;:!?])/g;

/** Splits a line into text and links: "[label](https://…)" or a bare https:// address. */
export function parseInline(line: string): Array<{ text: string; href?: string }> {
  const parts: Array<{ text: string; href?: string }> = [];
  let last = 0;
  for (const match of line.matchAll(LINK)) {
    if (match.index! > last) parts.push({ text: line.slice(last, match.index) });
    parts.push(match[1] ? { text: match[1], href: match[2] } : { text: match[3]!, href: match[3] });
    last = match.index! + match[0].length;
  }
  if (last < line.length) parts.push({ text: line.slice(last) });
  return parts;
}

function Inline({ line }: { line: string }) {
  return (
    <>
      {parseInline(line).map((part, i) =>
        part.href ? (
          <a key={i} href={part.href} rel="nofollow noopener noreferrer">
            {part.text}
          </a>
        ) : (
          <Fragment key={i}>{part.text}</Fragment>
        ),
      )}
    </>
  );
}

/**
 * Renders topic bodies. Text is never parsed as HTML, so any markup stays visible text; links are
 * only http(s) and mailto addresses, so no "javascript:" link can be made.
 */
export function RichText({ text, lang }: { text: string; lang?: string }) {
  return (
    <div className="rich-text" lang={lang}>
      {parseBlocks(text).map((block, i) =>
        block.kind === "ul" ? (
          <ul key={i}>
            {block.lines.map((l, j) => (
              <li key={j}>
                <Inline line={l} />
              </li>
            ))}
          </ul>
        ) : (
          <p key={i}>
            {block.lines.map((l, j) => (
              <Fragment key={j}>
                {j > 0 && <br />}
                <Inline line={l} />
              </Fragment>
            ))}
          </p>
        ),
      )}
    </div>
  );
}
