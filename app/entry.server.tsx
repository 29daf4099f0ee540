import { PassThrough, Transform } from "node:stream";
import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import i18next, { instanceFor, localeCookie } from "./i18next.server";
import type { Locale } from "./i18n";
import { NonceProvider } from "./utils/nonce";

const ABORT_DELAY = 5_000;

/**
 * React 18.3's streaming renderer can emit a stray NUL byte where a multi-byte character meets the
 * end of its 2 KB write buffer (facebook/react#26228, fixed in React 19). UTF-8 never uses the
 * byte 0x00 inside a character and HTML may not contain it, so dropping it is always safe.
 */
function withoutNulBytes() {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (chunk.indexOf(0) === -1) return done(null, chunk);
      const kept = Buffer.allocUnsafe(chunk.length);
      let n = 0;
      for (const byte of chunk) if (byte !== 0) kept[n++] = byte;
      done(null, kept.subarray(0, n));
    },
  });
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  const locale = await i18next.getLocale(request);
  const instance = instanceFor(locale as Locale);

  // Remember the language of the page read, for the redirect at "/".
  const cookieHeader = request.headers.get("Cookie");
  if ((await localeCookie.parse(cookieHeader)) !== locale) {
    responseHeaders.append("Set-Cookie", await localeCookie.serialize(locale));
  }
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  responseHeaders.set("Content-Language", locale);
  responseHeaders.append("Vary", "Accept-Language, Cookie");

  // Crawlers and no-JS visitors get the whole document at once; browsers get it streamed.
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={instance}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          resolve(
            new Response(createReadableStreamFromReadable(body.pipe(withoutNulBytes())), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
