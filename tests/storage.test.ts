import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buffer } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KeyTaken, localStorage, s3Storage, StorageLimitExceeded, storageFromEnv, type FileStorage } from "~/utils/storage.server";
import { parseEnv, parseStorageEnv } from "~/utils/env.server";
import { startLocalS3, type LocalS3 } from "./helpers/s3";

// The file store behind every upload, download and edition file (issue 16, item 5): one contract,
// checked against the local folder and against an S3-compatible server started here.
let s3: LocalS3;
const dirs: string[] = [];
const tempDir = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), `puente-${name}-`));
  dirs.push(dir);
  return dir;
};

beforeAll(async () => {
  s3 = await startLocalS3();
});
afterAll(async () => {
  await s3?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
async function* chunks(bytes: Buffer, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}
const keys = async (store: FileStorage) => {
  const out: string[] = [];
  for await (const object of store.list()) out.push(object.key);
  return out.sort();
};
const s3Store = (prefix: string) => storageFromEnv(parseStorageEnv(s3.env(prefix)));

describe.each([
  ["local folder", () => localStorage(tempDir("storage"))],
  ["S3-compatible store", () => s3Store(`contract-${randomBytes(4).toString("hex")}`)],
] as const)("the %s", (_name, make) => {
  let store: FileStorage;
  beforeAll(() => {
    store = make();
  });

  it("stores a stream with its size and SHA-256, streams it back, lists and deletes it", async () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    const put = await store.put("aaaaaaaaaaaaaaaaaaaaaaaa", chunks(bytes));
    expect(put).toEqual({ size: bytes.length, sha256: sha256(bytes) });
    const got = await store.get("aaaaaaaaaaaaaaaaaaaaaaaa");
    expect(got?.size).toBe(bytes.length);
    expect(sha256(await buffer(got!.body))).toBe(sha256(bytes));
    expect(await store.stat("aaaaaaaaaaaaaaaaaaaaaaaa")).toMatchObject({ key: "aaaaaaaaaaaaaaaaaaaaaaaa", size: bytes.length });
    expect(await store.exists("aaaaaaaaaaaaaaaaaaaaaaaa")).toBe(true);
    await store.put("bbbbbbbbbbbbbbbbbbbbbbbb", [Buffer.from("second")]);
    expect(await keys(store)).toEqual(["aaaaaaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbbbbbb"]);
    const listed = [];
    for await (const object of store.list()) listed.push(object);
    expect(listed.find((o) => o.key === "bbbbbbbbbbbbbbbbbbbbbbbb")).toMatchObject({ size: 6 });
    expect(Math.abs(listed[0]!.modifiedAt.getTime() - Date.now())).toBeLessThan(60_000);

    await store.delete("aaaaaaaaaaaaaaaaaaaaaaaa");
    expect(await store.get("aaaaaaaaaaaaaaaaaaaaaaaa")).toBeNull();
    expect(await store.stat("aaaaaaaaaaaaaaaaaaaaaaaa")).toBeNull();
    expect(await store.exists("aaaaaaaaaaaaaaaaaaaaaaaa")).toBe(false);
    await store.delete("aaaaaaaaaaaaaaaaaaaaaaaa"); // already gone: not an error
    expect(await keys(store)).toEqual(["bbbbbbbbbbbbbbbbbbbbbbbb"]);
    await store.delete("bbbbbbbbbbbbbbbbbbbbbbbb");
  });

  it("keeps nothing of a stream past its size bound, or of one that fails half-way", async () => {
    await expect(store.put("cccccccccccccccccccccccc", chunks(randomBytes(200_000)), { maxBytes: 100_000 })).rejects.toBeInstanceOf(StorageLimitExceeded);
    async function* failing() {
      yield Buffer.from("%PDF-1.7 the start of a file");
      throw new Error("the client went away");
    }
    await expect(store.put("dddddddddddddddddddddddd", failing())).rejects.toThrow("the client went away");
    // Nothing under either key, and no partial file left behind.
    expect(await keys(store)).toEqual([]);
    expect(await store.exists("cccccccccccccccccccccccc")).toBe(false);
  });

  it("replaces an object under the same key, and refuses keys that are not flat names", async () => {
    await store.put("eeeeeeeeeeeeeeeeeeeeeeee", [Buffer.from("one")]);
    await store.put("eeeeeeeeeeeeeeeeeeeeeeee", [Buffer.from("two")]);
    expect((await buffer((await store.get("eeeeeeeeeeeeeeeeeeeeeeee"))!.body)).toString()).toBe("two");
    await store.delete("eeeeeeeeeeeeeeeeeeeeeeee");
    for (const bad of ["../escape", "a/b", "..", ""]) await expect(store.get(bad)).rejects.toThrow("invalid storage key");
  });
});

describe("the local folder", () => {
  it("keeps the layout it always had: one file per key in FILES_DIR", async () => {
    const dir = tempDir("layout");
    await localStorage(dir).put("ffffffffffffffffffffffff", [Buffer.from("x")]);
    expect(readdirSync(dir)).toEqual(["ffffffffffffffffffffffff"]);
  });

  it("refuses an exclusive put over an existing key", async () => {
    const store = localStorage(tempDir("exclusive"));
    await store.put(".database", [Buffer.from("one")], { exclusive: true });
    await expect(store.put(".database", [Buffer.from("two")], { exclusive: true })).rejects.toBeInstanceOf(KeyTaken);
    expect((await buffer((await store.get(".database"))!.body)).toString()).toBe("one");
  });
});

describe("the S3 driver", () => {
  it("sees only the objects under its own prefix", async () => {
    const mine = s3Store("prefix-mine");
    const theirs = s3Store("prefix-mine-too");
    await mine.put("gggggggggggggggggggggggg", [Buffer.from("mine")]);
    await theirs.put("hhhhhhhhhhhhhhhhhhhhhhhh", [Buffer.from("theirs")]);
    expect(await keys(mine)).toEqual(["gggggggggggggggggggggggg"]);
    expect(await keys(theirs)).toEqual(["hhhhhhhhhhhhhhhhhhhhhhhh"]);
    expect(await mine.get("hhhhhhhhhhhhhhhhhhhhhhhh")).toBeNull();
  });

  it("does not reach the store with a refused upload: it is counted in a local temporary file first", async () => {
    const store = s3Store("refused");
    await expect(store.put("iiiiiiiiiiiiiiiiiiiiiiii", chunks(randomBytes(50_000)), { maxBytes: 10_000 })).rejects.toBeInstanceOf(StorageLimitExceeded);
    expect(await keys(store)).toEqual([]);
    expect(readdirSync(tmpdir()).filter((name) => name.startsWith("puente-upload-"))).toEqual([]);
  });

  it("reads its settings from the bucket URL", () => {
    const store = s3Storage({ bucket: "b", prefix: "", region: "us-east-1", forcePathStyle: true });
    expect(store.kind).toBe("s3");
    expect(storageFromEnv(parseStorageEnv({})).kind).toBe("local");
    expect(storageFromEnv(parseStorageEnv(s3.env("x"))).kind).toBe("s3");
  });
});

describe("storage settings", () => {
  const problems = (source: Record<string, string>) => {
    try {
      parseEnv(source);
      return "";
    } catch (error) {
      return (error as Error).message;
    }
  };

  it("accepts s3://bucket and s3://bucket/prefix, with or without keys", () => {
    expect(problems({ FILES_URL: "s3://puente-files" })).toBe("");
    expect(problems({ FILES_URL: "s3://puente-files/prod/files", S3_ACCESS_KEY_ID: "k", S3_SECRET_ACCESS_KEY: "s", S3_FORCE_PATH_STYLE: "1" })).toBe("");
    const e = parseEnv({ FILES_URL: "s3://puente-files" });
    expect(e.S3_REGION).toBe("us-east-1");
    expect(e.S3_FORCE_PATH_STYLE).toBe("0");
  });

  it("stops a wrong setting with a message that names it", () => {
    expect(problems({ FILES_URL: "https://puente-files" })).toContain("FILES_URL: must be s3://bucket or s3://bucket/prefix");
    expect(problems({ FILES_URL: "s3://Puente_Files" })).toContain("FILES_URL: must be s3://bucket");
    expect(problems({ FILES_URL: "s3://puente-files", S3_ACCESS_KEY_ID: "k" })).toContain(
      "S3_SECRET_ACCESS_KEY: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together",
    );
    expect(problems({ S3_ENDPOINT: "http://127.0.0.1:9000" })).toContain("FILES_URL: is required when S3_* settings are given");
    expect(problems({ FILES_URL: "s3://puente-files", S3_ENDPOINT: "minio:9000" })).toContain("S3_ENDPOINT: must be the object store's address");
    expect(problems({ FILES_URL: "s3://puente-files", S3_FORCE_PATH_STYLE: "yes" })).toContain("S3_FORCE_PATH_STYLE");
  });
});
