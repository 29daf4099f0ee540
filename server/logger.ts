import pino from "pino";

// Asynchronous, buffered writes: logging never waits on stdout in the request path.
export const logger = pino(
  { level: process.env.LOG_LEVEL ?? "info", base: undefined },
  pino.destination({ dest: 1, sync: false, minLength: Number(process.env.LOG_BUFFER_BYTES ?? 4096) }),
);

export function flushLogger() {
  logger.flush();
}
