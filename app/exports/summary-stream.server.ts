import { PassThrough, type Writable } from "node:stream";
import { createReadableStreamFromReadable } from "@remix-run/node";
import type { Summary } from "~/models/summary-types";

/**
 * Streams one format of a summary: the body of a download response, written as it is read.
 * `signal` (the request's) stops the writing when the client goes away: the output is destroyed,
 * which every writer notices at its next write, and the submissions stop being read. `onClose`
 * runs once the output is closed, whether complete, failed or stopped.
 */
export function summaryStream(
  summary: Summary,
  write: (summary: Summary, out: Writable) => Promise<void>,
  options: { signal?: AbortSignal; onClose?: () => void } = {},
) {
  const out = new PassThrough();
  const { signal, onClose } = options;
  const stop = () => out.destroy(signal!.reason instanceof Error ? signal!.reason : new DOMException("The client went away.", "AbortError"));
  if (signal?.aborted) stop();
  else signal?.addEventListener("abort", stop, { once: true });
  out.once("close", () => {
    signal?.removeEventListener("abort", stop);
    onClose?.();
  });
  write(summary, out).then(
    () => out.writableEnded || out.end(),
    (error: unknown) => out.destroy(error as Error),
  );
  return createReadableStreamFromReadable(out);
}
