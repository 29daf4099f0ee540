import { getT } from "~/i18next.server";
import type { Locale } from "~/i18n";
import { env } from "./env.server";

// Bounds on expensive work that anyone can start (README, "Expensive work"): at most
// `concurrency` run at once, at most `queue` wait for a place (each for at most `waitMs`), and
// anything beyond is refused at once with WorkBusyError, which routes answer with a 503 and
// Retry-After. A request's AbortSignal takes its waiter out of the queue when the client goes away.

/** Every place is taken and the queue is full, or the wait for a place ran out. */
export class WorkBusyError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super("busy: too much expensive work at once");
  }
}

export interface WorkSlot {
  /** Gives the place back (to the first waiter, if any). Safe to call more than once. */
  release(): void;
}

export interface WorkLimiterOptions {
  concurrency: number;
  /** How many may wait for a place; Infinity for no bound. */
  queue: number;
  /** How long one may wait, in milliseconds; Infinity for no bound. */
  waitMs: number;
  /** What the 503 tells the client to wait before trying again. */
  retryAfterSeconds: number;
  /** Starts a timer and returns its cancel function (injected by tests). */
  setTimer?: (fire: () => void, ms: number) => () => void;
}

interface Waiter {
  grant: (slot: WorkSlot) => void;
  refuse: (error: unknown) => void;
}

const realTimer = (fire: () => void, ms: number) => {
  const timer = setTimeout(fire, ms);
  return () => clearTimeout(timer);
};

export class WorkLimiter {
  #running = 0;
  readonly #waiting: Waiter[] = [];
  readonly #options: Required<WorkLimiterOptions>;

  constructor(options: WorkLimiterOptions) {
    this.#options = { setTimer: realTimer, ...options };
  }

  get running(): number {
    return this.#running;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  /** A place to run, now or once one is free; WorkBusyError when none comes in time. */
  acquire(signal?: AbortSignal): Promise<WorkSlot> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#running < this.#options.concurrency) {
      this.#running++;
      return Promise.resolve(this.#slot());
    }
    if (this.#waiting.length >= this.#options.queue) return Promise.reject(this.#busy());
    return new Promise<WorkSlot>((resolve, reject) => {
      let cancelTimer = () => {};
      const leave = () => {
        const index = this.#waiting.indexOf(waiter);
        if (index >= 0) this.#waiting.splice(index, 1);
        cancelTimer();
        signal?.removeEventListener("abort", onAbort);
      };
      const onAbort = () => {
        leave();
        reject(signal!.reason);
      };
      const waiter: Waiter = {
        grant: (slot) => {
          leave();
          resolve(slot);
        },
        refuse: (error) => {
          leave();
          reject(error);
        },
      };
      this.#waiting.push(waiter);
      if (Number.isFinite(this.#options.waitMs)) cancelTimer = this.#options.setTimer(() => waiter.refuse(this.#busy()), this.#options.waitMs);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  /** Runs `work` in a place, and gives the place back when it settles. */
  async run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const slot = await this.acquire(signal);
    try {
      return await work();
    } finally {
      slot.release();
    }
  }

  #slot(): WorkSlot {
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        const next = this.#waiting[0];
        // The place goes straight to the first waiter, so a newcomer cannot overtake the queue.
        if (next) next.grant(this.#slot());
        else this.#running--;
      },
    };
  }

  #busy() {
    return new WorkBusyError(this.#options.retryAfterSeconds);
  }
}

let publicLimiter: WorkLimiter | undefined;
let docxLimiter: WorkLimiter | undefined;

/** The one bound on expensive work anonymous visitors start: public summaries and statistics. */
export function publicWork(): WorkLimiter {
  const e = env();
  publicLimiter ??= new WorkLimiter({
    concurrency: e.EXPENSIVE_WORK_CONCURRENCY,
    queue: e.EXPENSIVE_WORK_QUEUE,
    waitMs: e.EXPENSIVE_WORK_WAIT_SECONDS * 1000,
    retryAfterSeconds: e.EXPENSIVE_WORK_RETRY_AFTER_SECONDS,
  });
  return publicLimiter;
}

/**
 * DOCX worker threads running at once, whoever asked (public download, officials' download,
 * edition compilation). Callers queue without a bound of their own: the public ones are already
 * bounded by publicWork(), the others are signed-in officials and background compilations.
 */
export function docxWorkers(): WorkLimiter {
  docxLimiter ??= new WorkLimiter({
    concurrency: env().SUMMARY_DOCX_WORKERS,
    queue: Infinity,
    waitMs: Infinity,
    retryAfterSeconds: env().EXPENSIVE_WORK_RETRY_AFTER_SECONDS,
  });
  return docxLimiter;
}

const busyHeaders = (error: WorkBusyError, contentType: string) => ({
  "Content-Type": contentType,
  "Retry-After": String(error.retryAfterSeconds),
  "Cache-Control": "no-store",
});

/** The 503 an open-data API answers when busy. */
export function busyJson(error: WorkBusyError, headers: Record<string, string> = {}): Response {
  return Response.json(
    { error: "busy", retryAfter: error.retryAfterSeconds },
    { status: 503, headers: { ...busyHeaders(error, "application/json; charset=utf-8"), ...headers } },
  );
}

/** The 503 a download answers when busy: a small page in the path's language. */
export function busyPage(error: WorkBusyError, locale: Locale): Response {
  const t = getT(locale);
  const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
  const title = escape(t("errors.busyTitle"));
  const body = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} · Puente</title></head><body><main><h1>${title}</h1><p>${escape(t("errors.busyText"))}</p><p><a href="/${locale}">${escape(t("errors.backHome"))}</a></p></main></body></html>`;
  return new Response(body, { status: 503, headers: busyHeaders(error, "text/html; charset=utf-8") });
}

/** The 503 a page's loader throws when busy: the page's error boundary says it (errors.busy…). */
export function busyStatus(error: WorkBusyError): Response {
  return new Response("Service Unavailable", { status: 503, statusText: "Service Unavailable", headers: busyHeaders(error, "text/plain; charset=utf-8") });
}
