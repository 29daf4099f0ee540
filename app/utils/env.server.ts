import { z } from "zod";

/** "0" or "1", for switches. */
const flag = z.enum(["0", "1"]);

/** Where stored files live (ADR 030): read by utils/storage.server.ts at each use, checked here too. */
const storageFields = {
  /** The local folder of stored files (default data/files), used unless FILES_URL names an object store. */
  FILES_DIR: z.string().min(1).optional(),
  /** s3://bucket or s3://bucket/prefix: files in an S3-compatible object store, shared by every app server. */
  FILES_URL: z
    .string()
    .regex(
      /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/[\w./-]*)?$/,
      "must be s3://bucket or s3://bucket/prefix (a lower-case bucket name); leave it unset to keep files in FILES_DIR",
    )
    .optional(),
  /** The object store's address, e.g. https://minio.example.org:9000 (unset: Amazon S3 itself). */
  S3_ENDPOINT: z
    .string()
    .regex(/^https?:\/\/[^\s/]+(\/\S*)?$/, "must be the object store's address, http:// or https://, e.g. https://s3.example.org")
    .optional(),
  S3_REGION: z.string().min(1).default("us-east-1"),
  /** Both or neither: without them the SDK's usual sources (instance role, AWS_* variables) are used. */
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** "1": bucket in the path (http://host/bucket/key), as MinIO and most self-hosted stores need. */
  S3_FORCE_PATH_STYLE: flag.default("0"),
};

type StorageFields = z.infer<z.ZodObject<typeof storageFields>>;

function checkStorage(e: StorageFields, ctx: z.RefinementCtx) {
  if (!!e.S3_ACCESS_KEY_ID !== !!e.S3_SECRET_ACCESS_KEY) {
    ctx.addIssue({
      code: "custom",
      path: [e.S3_ACCESS_KEY_ID ? "S3_SECRET_ACCESS_KEY" : "S3_ACCESS_KEY_ID"],
      message: "S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together: set both, or neither to use the SDK's own credentials",
    });
  }
  if (!e.FILES_URL && (e.S3_ENDPOINT || e.S3_ACCESS_KEY_ID || e.S3_SECRET_ACCESS_KEY)) {
    ctx.addIssue({
      code: "custom",
      path: ["FILES_URL"],
      message: "is required when S3_* settings are given (FILES_URL=s3://bucket/prefix); without it files stay in FILES_DIR on this server",
    });
  }
}

const storageSchema = z.object(storageFields).superRefine(checkStorage);
export type StorageEnv = z.infer<typeof storageSchema>;

// Every environment variable the portal reads, validated at start-up (checkEnv, called by the
// server's entry points) so that a bad value stops it at once with the variable's name. Some are
// still read directly where they are used (db/client.ts, server/logger.ts, submission-guard…):
// the schema checks them without moving them.
const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    /** "1": demo accounts (with known passwords) and demo submissions on an empty database. */
    PUENTE_DEMO: flag.optional(),
    /**
     * Signs the submission form's "shown at" stamp: the same value on every app server. Required in
     * production (without PUENTE_DEMO=1); elsewhere a random one per process.
     */
    APP_SECRET: z.string().min(16, "must be at least 16 characters (e.g. `openssl rand -hex 32`)").optional(),
    DATABASE_URL: z
      .string()
      .regex(/^(file:.+|postgres(ql)?:\/\/.+)$/, "must be file:path (SQLite) or postgres://… (PostgreSQL)")
      .optional(),
    /** A PostgreSQL schema to work in (the tests give each file its own). */
    DATABASE_SCHEMA: z
      .string()
      .regex(/^[a-z_][a-z0-9_]*$/, "must be a lower-case SQL identifier")
      .optional(),
    PG_POOL_MAX: z.coerce.number().int().positive().default(10),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    LOG_BUFFER_BYTES: z.coerce.number().int().nonnegative().default(4096),
    ...storageFields,
    SUBMISSION_RATE_LIMIT: z.coerce.number().int().nonnegative().default(10),
    SUBMISSION_MIN_FILL_SECONDS: z.coerce.number().nonnegative().default(3),
    /** Public address used in emails, e.g. https://puente.example.org (default: http://localhost:PORT). */
    PUBLIC_URL: z.string().url().optional(),
    PORT: z.coerce.number().int().nonnegative().default(3000),
    SMTP_URL: z.string().optional(),
    MAIL_FROM: z.string().default("Puente <no-reply@puente.invalid>"),
    SESSION_IDLE_MINUTES: z.coerce.number().positive().default(30),
    SESSION_MAX_HOURS: z.coerce.number().positive().default(12),
    /** Wrong passwords for one account from one address before that address is locked out of it. */
    LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
    /** The first wait after a wrong password; it doubles with each further one (1, 2, 4, 8 s). */
    LOGIN_DELAY_SECONDS: z.coerce.number().nonnegative().default(1),
    LOGIN_LOCK_MINUTES: z.coerce.number().positive().default(15),
    INVITATION_HOURS: z.coerce.number().positive().default(72),
    PASSWORD_RESET_MINUTES: z.coerce.number().positive().default(60),
    /** Reset emails per account, and reset requests per address, within PASSWORD_RESET_WINDOW_MINUTES. */
    PASSWORD_RESET_MAX_PER_ACCOUNT: z.coerce.number().int().positive().default(3),
    PASSWORD_RESET_MAX_PER_ADDRESS: z.coerce.number().int().positive().default(10),
    PASSWORD_RESET_WINDOW_MINUTES: z.coerce.number().positive().default(60),
    /**
     * How many reverse proxies in front of the server to trust (0: none). With N, the client's
     * address is the N-th entry from the right of X-Forwarded-For (the one the outermost trusted
     * proxy added), and X-Forwarded-Proto/-Host are believed.
     */
    TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
    /** Time a client has to send the request headers (slow clients), in seconds. */
    HEADERS_TIMEOUT_SECONDS: z.coerce.number().positive().default(20),
    /** Time a client has to send a whole request, body included (a 52 MB submission on a slow link), in seconds. */
    REQUEST_TIMEOUT_SECONDS: z.coerce.number().positive().default(300),
    /** "0" to send cookies without Secure in production (plain HTTP on a private network only). */
    COOKIE_SECURE: z.enum(["0", "1"]).optional(),
    /**
     * The largest summary (in submissions) made as DOCX: the docx library builds the whole document
     * in memory, about 75 MB per 1,000 submissions (bench:export), so a larger one would take the
     * server's memory. PDF, XLSX, CSV and JSON stream and have no limit.
     */
    SUMMARY_DOCX_MAX_SUBMISSIONS: z.coerce.number().int().positive().default(10_000),
    /**
     * Expensive work anyone can start (public summary downloads, statistics): how many run at once,
     * how many may wait for a place and for how long; beyond that a 503 with Retry-After.
     */
    EXPENSIVE_WORK_CONCURRENCY: z.coerce.number().int().positive().default(4),
    EXPENSIVE_WORK_QUEUE: z.coerce.number().int().nonnegative().default(16),
    EXPENSIVE_WORK_WAIT_SECONDS: z.coerce.number().positive().default(10),
    EXPENSIVE_WORK_RETRY_AFTER_SECONDS: z.coerce.number().int().positive().default(30),
    /**
     * Background jobs (ADR 029). "0": this web process only enqueues, and `npm run worker`
     * processes work them (PostgreSQL; on SQLite one process should work them).
     */
    JOBS_IN_WEB: flag.default("1"),
    /** Jobs one process runs at once. */
    JOBS_CONCURRENCY: z.coerce.number().int().positive().default(2),
    /** pg-boss's schema on PostgreSQL (default `pgboss`). */
    JOBS_SCHEMA: z
      .string()
      .regex(/^[a-z_][a-z0-9_]*$/, "must be a lower-case SQL identifier")
      .optional(),
    /** How often a working process queues the clean-up (lapsed compilations, orphan files). */
    JOBS_SWEEP_MINUTES: z.coerce.number().positive().default(15),
    /** Retries of an email whose sending failed (0: none), and the wait before the first (doubled each time). */
    EMAIL_RETRY_LIMIT: z.coerce.number().int().nonnegative().default(5),
    EMAIL_RETRY_DELAY_SECONDS: z.coerce.number().int().positive().default(60),
    /** DOCX worker threads at once (each may use up to 2 GB: ADR 009); others wait their turn. */
    SUMMARY_DOCX_WORKERS: z.coerce.number().int().positive().default(2),
    /** "1": serves /:lang/bench/minimal, the smallest page through layout and i18n, for bench:public's baseline. */
    PUENTE_BENCH: flag.optional(),
    /**
     * Caching of public pages (ADR 027). PAGE_CACHE=0 turns the in-process cache of rendered
     * anonymous pages off (ETag, Last-Modified and 304 answers stay); its bounds in entries and bytes.
     */
    PAGE_CACHE: flag.default("1"),
    PAGE_CACHE_MAX_ENTRIES: z.coerce.number().int().positive().default(500),
    PAGE_CACHE_MAX_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(32 * 1024 * 1024),
    /** How long a CDN or reverse proxy may keep an anonymous public page (Cache-Control s-maxage). */
    PAGE_CACHE_S_MAXAGE: z.coerce.number().int().nonnegative().default(60),
    /** How often an app server reads the publication version again (other servers' changes are seen within it). */
    PUBLICATION_POLL_MS: z.coerce.number().int().nonnegative().default(1000),
    /** Statistics snapshots are recomputed in the background at most once in this many seconds. */
    STATS_REFRESH_SECONDS: z.coerce.number().nonnegative().default(30),
    /** After a change to public data, the public summary files are checked (and rebuilt) this many seconds later (ADR 033). */
    PUBLIC_SUMMARY_DELAY_SECONDS: z.coerce.number().nonnegative().default(30),
  })
  .superRefine((e, ctx) => {
    checkStorage(e, ctx);
    if (e.NODE_ENV === "production" && !e.APP_SECRET && e.PUENTE_DEMO !== "1") {
      ctx.addIssue({
        code: "custom",
        path: ["APP_SECRET"],
        message: "is required when NODE_ENV=production: set the same long random value (e.g. `openssl rand -hex 32`) on every app server",
      });
    }
  });

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/** The environment `source` describes, or an error that names each wrong variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // A variable set to nothing (`PUBLIC_URL=`) counts as unset.
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(source).filter(([, value]) => value !== "")));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration (environment variables; see README, Configuration):\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/** The file-storage settings alone (utils/storage.server.ts reads them at each use). */
export function parseStorageEnv(source: Record<string, string | undefined>): StorageEnv {
  const parsed = storageSchema.safeParse(Object.fromEntries(Object.entries(source).filter(([, value]) => value !== "")));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration (environment variables; see README, File storage):\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/** The validated environment; checkEnv at start-up has already stopped a bad one. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** At start-up: validates every variable, and stops the process with the message when one is wrong. */
export function checkEnv(): Env {
  try {
    return env();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

/** Demo accounts and demo submissions are opt-in (PUENTE_DEMO=1; `npm start` in a checkout sets it). */
export function demoEnabled(): boolean {
  return env().PUENTE_DEMO === "1";
}

/**
 * The address links in emails point to. Set PUBLIC_URL in production; never derived from the
 * request's Host header, which an attacker could set to their own site to steal reset links.
 */
export function publicUrl(): string {
  return (env().PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
}

/**
 * Whether cookies (the session's and the CSRF token's) carry Secure: in production unless
 * COOKIE_SECURE=0, elsewhere only with COOKIE_SECURE=1.
 */
export function secureCookies(e: Env = env()): boolean {
  return e.COOKIE_SECURE ? e.COOKIE_SECURE === "1" : e.NODE_ENV === "production";
}
