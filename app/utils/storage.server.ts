import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, mkdirSync } from "node:fs";
import { link, mkdtemp, readdir, rename, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Readable } from "node:stream";
import type { S3Client } from "@aws-sdk/client-s3";
import { parseStorageEnv, type StorageEnv } from "./env.server";

// Where stored files live (ADR 030): a local folder (FILES_DIR, the default) or an S3-compatible
// object store (FILES_URL=s3://bucket/prefix), so that several app servers share one set of files.
// Keys are flat names (no folders); records in the database refer to files by key.

export interface StoredObjectInfo {
  key: string;
  size: number;
  modifiedAt: Date;
}

export interface PutOptions {
  /** Past this many bytes the put fails with StorageLimitExceeded and nothing is stored. */
  maxBytes?: number;
  /** Aborting stops the put and removes what was written. */
  signal?: AbortSignal;
  /** Refuse (KeyTaken) rather than replace an existing object. Best effort on object stores that ignore If-None-Match. */
  exclusive?: boolean;
}

export interface FileStorage {
  readonly kind: "local" | "s3";
  /** Streams `data` into `key`, counting and hashing it; on any error nothing is left under `key`. */
  put(key: string, data: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, options?: PutOptions): Promise<{ size: number; sha256: string }>;
  /** The object as a stream, or null when there is none. The caller must consume or destroy `body`. */
  get(key: string): Promise<{ body: Readable; size: number } | null>;
  stat(key: string): Promise<StoredObjectInfo | null>;
  exists(key: string): Promise<boolean>;
  /** Removes the object; removing one that is not there is not an error. */
  delete(key: string): Promise<void>;
  /** Every object, for the orphan sweep (partial uploads of the local driver included, as `<key>.part`). */
  list(): AsyncIterable<StoredObjectInfo>;
}

export class StorageLimitExceeded extends Error {
  constructor(readonly maxBytes: number) {
    super(`stored object over ${maxBytes} bytes`);
  }
}

export class KeyTaken extends Error {
  constructor(readonly key: string) {
    super(`stored object ${key} exists already`);
  }
}

const KEY = /^(?!\.\.?$)[\w.-]{1,200}$/;

function checkKey(key: string): string {
  if (!KEY.test(key)) throw new Error(`invalid storage key: ${JSON.stringify(key)}`);
  return key;
}

/** A new random key, as every stored file has: 24 URL-safe characters. */
export function newStorageKey(): string {
  return randomBytes(18).toString("base64url");
}

/** Writes `data` to a new file at `path`, bounded and hashed; the file is removed on any error or abort. */
async function spool(path: string, data: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, options: PutOptions): Promise<{ size: number; sha256: string }> {
  const out = createWriteStream(path, { flags: "wx" });
  const hash = createHash("sha256");
  let size = 0;
  // The file is opened asynchronously: remove it only once the stream has closed, or a removal
  // racing the open would leave it behind.
  const discard = async () => {
    if (!out.closed) await new Promise<void>((done) => out.once("close", () => done()).destroy());
    await rm(path, { force: true });
  };
  // A client that goes away mid-upload may leave the body stream hanging: clean up on abort.
  const onAbort = () => void discard();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    for await (const chunk of data) {
      if (options.signal?.aborted) throw new Error("upload aborted");
      size += chunk.length;
      if (options.maxBytes !== undefined && size > options.maxBytes) throw new StorageLimitExceeded(options.maxBytes);
      hash.update(chunk);
      if (!out.write(chunk)) await new Promise<void>((r) => out.once("drain", () => r()));
    }
    await new Promise<void>((res, rej) => out.end((error?: Error | null) => (error ? rej(error) : res())));
    return { size, sha256: hash.digest("hex") };
  } catch (error) {
    await discard();
    throw error;
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
  }
}

/** Files in a folder, one per key: the layout Puente has always used, so existing data keeps working. */
export function localStorage(directory: string): FileStorage {
  const dir = resolve(directory);
  mkdirSync(dir, { recursive: true });
  const path = (key: string) => join(dir, checkKey(key));
  const info = async (key: string): Promise<StoredObjectInfo | null> => {
    const s = await stat(path(key)).catch(() => null);
    return s?.isFile() ? { key, size: s.size, modifiedAt: s.mtime } : null;
  };
  return {
    kind: "local",
    async put(key, data, options = {}) {
      // Written beside as "<key>.part", then renamed: a file under its key is always whole.
      const partial = `${path(key)}.part`;
      const result = await spool(partial, data, options);
      try {
        if (options.exclusive) await link(partial, path(key)).catch((e: NodeJS.ErrnoException) => Promise.reject(e.code === "EEXIST" ? new KeyTaken(key) : e));
        else await rename(partial, path(key));
      } finally {
        await rm(partial, { force: true });
      }
      return result;
    },
    async get(key) {
      const found = await info(key);
      return found ? { body: createReadStream(path(key)), size: found.size } : null;
    },
    stat: info,
    async exists(key) {
      return (await info(key)) !== null;
    },
    async delete(key) {
      await rm(path(key), { force: true });
    },
    async *list() {
      for (const name of await readdir(dir).catch(() => [] as string[])) {
        if (!KEY.test(name)) continue;
        const found = await info(name);
        if (found) yield found;
      }
    },
  };
}

export interface S3Settings {
  bucket: string;
  /** "" or a prefix ending in "/". */
  prefix: string;
  endpoint?: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
}

const notFound = (error: unknown) => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === "NoSuchKey" || e?.name === "NotFound" || e?.$metadata?.httpStatusCode === 404;
};

/**
 * Objects in an S3-compatible store under `prefix`. Uploads are spooled to a temporary local file
 * while they are counted and hashed (so a refused or cut-off upload never reaches the store), then
 * sent in one PutObject streamed from that file with its length.
 */
export function s3Storage(settings: S3Settings): FileStorage {
  // The SDK is loaded only when the S3 driver is used.
  let client: Promise<{ s3: typeof import("@aws-sdk/client-s3"); client: S3Client }> | undefined;
  const connect = () =>
    (client ??= import("@aws-sdk/client-s3").then((s3) => ({
      s3,
      client: new s3.S3Client({
        endpoint: settings.endpoint,
        region: settings.region,
        forcePathStyle: settings.forcePathStyle,
        credentials:
          settings.accessKeyId && settings.secretAccessKey ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } : undefined,
        // Checksums only where the API requires them: many S3-compatible stores reject the newer
        // streaming-checksum encoding; the SHA-256 of every file is checked by Puente itself.
        requestChecksumCalculation: "WHEN_REQUIRED",
        responseChecksumValidation: "WHEN_REQUIRED",
      }),
    })));
  const objectKey = (key: string) => `${settings.prefix}${checkKey(key)}`;
  const Bucket = settings.bucket;
  const info = async (key: string): Promise<StoredObjectInfo | null> => {
    const { s3, client } = await connect();
    try {
      const head = await client.send(new s3.HeadObjectCommand({ Bucket, Key: objectKey(key) }));
      return { key, size: Number(head.ContentLength ?? 0), modifiedAt: head.LastModified ?? new Date(0) };
    } catch (error) {
      if (notFound(error)) return null;
      throw error;
    }
  };
  return {
    kind: "s3",
    async put(key, data, options = {}) {
      const Key = objectKey(key);
      const { s3, client } = await connect();
      const dir = await mkdtemp(join(tmpdir(), "puente-upload-"));
      try {
        const spooled = join(dir, "data");
        const result = await spool(spooled, data, options);
        const send = (conditional: boolean) =>
          client.send(
            new s3.PutObjectCommand({
              Bucket,
              Key,
              Body: createReadStream(spooled),
              ContentLength: result.size,
              ...(conditional ? { IfNoneMatch: "*" } : {}),
            }),
            { abortSignal: options.signal },
          );
        try {
          await send(!!options.exclusive);
        } catch (error) {
          const status = (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
          if (options.exclusive && (status === 412 || status === 409)) throw new KeyTaken(key);
          // A store without conditional writes (501): check, then write — a small race, documented in ADR 030.
          if (!options.exclusive || status !== 501) throw error;
          if (await info(key)) throw new KeyTaken(key);
          await send(false);
        }
        return result;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    async get(key) {
      const { s3, client } = await connect();
      try {
        const object = await client.send(new s3.GetObjectCommand({ Bucket, Key: objectKey(key) }));
        return { body: object.Body as Readable, size: Number(object.ContentLength ?? 0) };
      } catch (error) {
        if (notFound(error)) return null;
        throw error;
      }
    },
    stat: info,
    async exists(key) {
      return (await info(key)) !== null;
    },
    async delete(key) {
      const { s3, client } = await connect();
      await client.send(new s3.DeleteObjectCommand({ Bucket, Key: objectKey(key) }));
    },
    async *list() {
      const { s3, client } = await connect();
      let ContinuationToken: string | undefined;
      do {
        const page = await client.send(new s3.ListObjectsV2Command({ Bucket, Prefix: settings.prefix || undefined, ContinuationToken }));
        for (const object of page.Contents ?? []) {
          const key = object.Key?.slice(settings.prefix.length) ?? "";
          // Only our flat keys: anything in a sub-folder of the prefix is someone else's.
          if (KEY.test(key)) yield { key, size: Number(object.Size ?? 0), modifiedAt: object.LastModified ?? new Date(0) };
        }
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
    },
  };
}

/** The store the settings describe: S3 with FILES_URL=s3://…, else the FILES_DIR folder. */
export function storageFromEnv(e: StorageEnv): FileStorage {
  if (!e.FILES_URL) return localStorage(e.FILES_DIR ?? "data/files");
  const url = new URL(e.FILES_URL);
  const path = decodeURIComponent(url.pathname).replace(/^\/+|\/+$/g, "");
  return s3Storage({
    bucket: url.hostname,
    prefix: path ? `${path}/` : "",
    endpoint: e.S3_ENDPOINT,
    region: e.S3_REGION,
    accessKeyId: e.S3_ACCESS_KEY_ID,
    secretAccessKey: e.S3_SECRET_ACCESS_KEY,
    forcePathStyle: e.S3_FORCE_PATH_STYLE === "1",
  });
}

let current: { settings: string; storage: FileStorage } | undefined;

/**
 * The app's file store, from the environment. Read at each call (tests change FILES_DIR between
 * files), built again only when the settings changed.
 */
export function storage(): FileStorage {
  const e = parseStorageEnv(process.env);
  const settings = JSON.stringify(e);
  if (current?.settings !== settings) current = { settings, storage: storageFromEnv(e) };
  return current.storage;
}
