import { randomBytes } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { gzipTemplate, gzipWithNonce } from "../server/page-gzip";

// ADR 038: a cached page is compressed once, and each answer joins its own nonce into that gzip.

const nonce = () => randomBytes(16).toString("base64");
const partsOf = (html: string, stored: string) => html.split(`nonce="${stored}"`).map((p) => Buffer.from(p, "utf8"));

describe("the gzip copy of a cached page", () => {
  // Text that does not repeat itself but comes again after a nonce (as the page's data repeats its
  // text in the script that hydrates it), so that a segment refers back to the page before it.
  const repeated = `<p>Les exportatrices du Québec — «\u202fcommerce\u202f» — ${randomBytes(1500).toString("base64")}</p>`;
  const stored = nonce();
  const html =
    `<!DOCTYPE html><html><head><script nonce="${stored}">var a = 1;</script></head><body>${repeated}` +
    `<script nonce="${stored}">window.__ctx = ${JSON.stringify(repeated)};</script>` +
    `<link rel="modulepreload" href="/build/a.js"><script nonce="${stored}" type="module">import "/build/a.js";</script></body></html>`;

  it("decodes to the page with each answer's own nonce at every place the stored one was", () => {
    const parts = partsOf(html, stored);
    const template = gzipTemplate(parts, stored.length)!;
    expect(template.segments).toHaveLength(4);
    for (let i = 0; i < 3; i++) {
      const fresh = nonce();
      const body = gzipWithNonce(template, parts, fresh);
      expect(gunzipSync(body).toString("utf8")).toBe(html.split(stored).join(fresh));
    }
  });

  it("is about as small as compressing the whole page at once (segments refer back across nonces)", () => {
    const parts = partsOf(html, stored);
    const fresh = nonce();
    const body = gzipWithNonce(gzipTemplate(parts, stored.length)!, parts, fresh);
    // Without the page before each segment as its dictionary, the second copy of `repeated` would
    // be compressed again (about 2,000 bytes more).
    expect(body.length).toBeLessThan(gzipSync(html.split(stored).join(fresh)).length + 200);
  });

  it("handles a page without any nonce (an API answer) and one that ends or starts with a nonce", () => {
    for (const page of ['{"topics":[]}', `nonce="${stored}"<p>x</p>`, `<p>x</p>nonce="${stored}"`]) {
      const parts = partsOf(page, stored);
      const fresh = nonce();
      expect(gunzipSync(gzipWithNonce(gzipTemplate(parts, stored.length)!, parts, fresh)).toString()).toBe(page.split(stored).join(fresh));
    }
  });

  it("is not made for a page holding a NUL byte (its places for the nonces could then be referred to)", () => {
    expect(gzipTemplate(partsOf(`<p>a\u0000b</p><script nonce="${stored}"></script>`, stored), stored.length)).toBeNull();
  });

  it("refuses a nonce of another length than the one it was made around", () => {
    const parts = partsOf(html, stored);
    expect(() => gzipWithNonce(gzipTemplate(parts, stored.length)!, parts, "short")).toThrow();
  });
});
