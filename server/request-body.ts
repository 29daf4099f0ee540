import type { IncomingMessage } from "node:http";

/** A request body went past the limit of its route (server/app.ts, app/utils/body-limits.ts). */
export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`request body over ${limit} bytes`);
    this.name = "BodyTooLarge";
  }
}

export function isBodyTooLarge(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof BodyTooLarge) return true;
  }
  return false;
}

/**
 * The body as a web stream that counts bytes as they arrive and errors with BodyTooLarge as soon
 * as they pass `limit` — so a chunked or lying body is never read past it. A body declared larger
 * than the limit errors at once without a byte being read. Reading stops (the request is paused)
 * rather than destroyed, so the 413 can still be sent on the same socket.
 */
export function limitedBody(req: IncomingMessage, limit: number): ReadableStream<Uint8Array> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) {
    return new ReadableStream({ start: (c) => c.error(new BodyTooLarge(limit)) });
  }
  let seen = 0;
  let finished = false;
  const stop = () => {
    finished = true;
    req.pause();
    req.removeAllListeners("data");
  };
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.on("data", (chunk: Buffer) => {
          seen += chunk.length;
          if (seen > limit) {
            stop();
            return controller.error(new BodyTooLarge(limit));
          }
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.once("end", () => finished || ((finished = true), controller.close()));
        req.once("error", (error) => finished || (stop(), controller.error(error)));
        req.pause();
      },
      pull() {
        if (!finished) req.resume();
      },
      cancel() {
        stop();
      },
    },
    { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
  );
}

let installed = false;

/**
 * Every route reads its form with `request.formData()`. A body that cannot be read as a form
 * (another content type, no boundary, cut short, over its limit) made that throw a plain error,
 * which Remix answers with a 500. Here such a failure becomes a thrown Response — 413 past the
 * limit, 400 otherwise — which Remix renders as the translated error page (or single-fetch data)
 * like any other refusal. Installed once for the process by createApp.
 */
export function installFormDataRefusals(): void {
  if (installed) return;
  installed = true;
  const formData = Request.prototype.formData;
  Request.prototype.formData = async function (this: Request) {
    try {
      return await formData.call(this);
    } catch (error) {
      if (isBodyTooLarge(error)) throw tooLargeResponse();
      if (this.signal.aborted) throw error;
      throw new Response("Bad Request", { status: 400, statusText: "BadRequest" });
    }
  } as typeof formData;
}

export function tooLargeResponse(statusText = "BodyTooLarge"): Response {
  return new Response("Payload Too Large", { status: 413, statusText, headers: { Connection: "close" } });
}
