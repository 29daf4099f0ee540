import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { parseBlocks, RichText } from "~/components/rich-text";

describe("rich text", () => {
  it("makes paragraphs and lists", () => {
    expect(parseBlocks("Intro line\n- one\n- two\n\nLast\nline")).toEqual([
      { kind: "p", lines: ["Intro line"] },
      { kind: "ul", lines: ["one", "two"] },
      { kind: "p", lines: ["Last", "line"] },
    ]);
  });

  it("never renders markup from the text", () => {
    const html = renderToStaticMarkup(createElement(RichText, { text: "<script>alert(1)</script>\n\n- <img src=x onerror=alert(1)>" }));
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;");
  });
});
