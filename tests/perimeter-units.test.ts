// The pure parts of the perimeter (issue 14): the client address behind proxies, per-route body
// limits, and the multipart reader (cut at every possible chunk boundary).
import { describe, expect, it } from "vitest";
import { TOPIC_DOCUMENT_MAX_BYTES as topicDocumentMax } from "../app/models/topic-admin.server";
import {
  bodyLimit,
  FORM_BODY_LIMIT,
  SUBMISSION_MAX_BODY,
  SUBMISSION_TEXT_MAX_BYTES,
  TEXT_FORM_BODY_LIMIT,
  TOPIC_DOCUMENT_MAX_BYTES,
} from "../app/utils/body-limits";
import { MalformedForm, multipartBoundary, readMultipart } from "../app/utils/multipart.server";
import { clientAddress, limitKey } from "../server/client-address";

describe("clientAddress", () => {
  it("ignores X-Forwarded-For unless proxies are trusted", () => {
    expect(clientAddress("198.51.100.4", "1.2.3.4", 0)).toBe("198.51.100.4");
  });
  it("takes the entry the trusted proxy added, counting hops from the right", () => {
    expect(clientAddress("10.0.0.1", "6.6.6.6, 203.0.113.7", 1)).toBe("203.0.113.7");
    expect(clientAddress("10.0.0.1", "6.6.6.6, 203.0.113.7, 10.0.0.2", 2)).toBe("203.0.113.7");
    expect(clientAddress("10.0.0.1", ["6.6.6.6", "203.0.113.7"], 1)).toBe("203.0.113.7");
    expect(clientAddress("10.0.0.1", "203.0.113.7", 3)).toBe("203.0.113.7");
    expect(clientAddress("10.0.0.1", undefined, 1)).toBe("10.0.0.1");
  });
  it("groups IPv6 by /64 and unwraps IPv4-mapped addresses", () => {
    expect(limitKey("2001:db8:1:2::a")).toBe("2001:db8:1:2::/64");
    expect(limitKey("2001:0db8:0001:0002:ffff:0:0:1")).toBe("2001:db8:1:2::/64");
    expect(limitKey("[2001:db8::1]:443")).toBe("2001:db8:0:0::/64");
    expect(limitKey("::1")).toBe("0:0:0:0::/64");
    expect(limitKey("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(limitKey("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(limitKey("not an address")).toBe("not an address");
  });
});

describe("bodyLimit", () => {
  it("gives each route its limit, text-only bodies their text limit", () => {
    expect(bodyLimit("/en/login")).toBe(FORM_BODY_LIMIT);
    expect(bodyLimit("/fr/login.data")).toBe(FORM_BODY_LIMIT);
    expect(bodyLimit("/es/consultations/x/submit", "multipart/form-data; boundary=a")).toBe(SUBMISSION_MAX_BODY);
    expect(bodyLimit("/es/consultations/x/submit", "application/x-www-form-urlencoded")).toBe(SUBMISSION_TEXT_MAX_BYTES);
    expect(bodyLimit("/en/admin/topics/3", "multipart/form-data; boundary=a")).toBeGreaterThan(TOPIC_DOCUMENT_MAX_BYTES);
    expect(bodyLimit("/en/admin/topics/3")).toBe(TEXT_FORM_BODY_LIMIT);
    expect(bodyLimit("/en/submissions/CL-2026-00001/edit")).toBe(TEXT_FORM_BODY_LIMIT);
    expect(bodyLimit("/api/v1/topics")).toBe(FORM_BODY_LIMIT);
  });
  it("uses the topic document limit of the topic module", () => {
    expect(TOPIC_DOCUMENT_MAX_BYTES).toBe(topicDocumentMax);
  });
});

describe("multipart", () => {
  it("reads the boundary, quoted or not, and nothing else", () => {
    expect(multipartBoundary("multipart/form-data; boundary=abc")).toBe("abc");
    expect(multipartBoundary('multipart/form-data; charset=utf-8; boundary="a;b c"')).toBe("a;b c");
    expect(multipartBoundary("multipart/form-data")).toBeNull();
    expect(multipartBoundary("text/plain; boundary=a")).toBeNull();
  });

  const body =
    "preamble\r\n--XyZ\r\n" +
    'Content-Disposition: form-data; name="title"\r\n\r\nHola ñandú\r\n--XyZ\r\n' +
    'Content-Disposition: form-data; name="attachments"; filename="C:\\\\docs\\\\Report; final=v2.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--XyNot\r\n-\r\n--XyZ\r\n' +
    'Content-Disposition: form-data; name="skipped"\r\n\r\nnot read\r\n--XyZ\r\n' +
    "Content-Disposition: form-data; name=\"f\"; filename*=UTF-8''%C3%B1.txt\r\n\r\n\r\n--XyZ--\r\nepilogue";
  const streamOf = (bytes: Buffer, size: number) =>
    new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < bytes.length; i += size) c.enqueue(bytes.subarray(i, i + size));
        c.close();
      },
    });
  const read = async (bytes: Buffer, size: number) => {
    const out: Array<[string, string | undefined, string]> = [];
    for await (const part of readMultipart(streamOf(bytes, size), "XyZ")) {
      if (part.name === "skipped") continue;
      const chunks: Uint8Array[] = [];
      for await (const c of part.data) chunks.push(c);
      out.push([part.name, part.filename, Buffer.concat(chunks).toString("utf8")]);
    }
    return out;
  };

  it("reads every part with its name and file name, whatever the chunk sizes", async () => {
    const bytes = Buffer.from(body);
    for (const size of [1, 2, 3, 5, 7, 13, 64, bytes.length]) {
      expect(await read(bytes, size)).toEqual([
        ["title", undefined, "Hola ñandú"],
        ["attachments", "Report; final=v2.pdf", "%PDF-1.4\r\n--XyNot\r\n-"],
        ["f", "ñ.txt", ""],
      ]);
    }
  });

  it.each([
    ["cut short", body.slice(0, 120)],
    ["no boundary at all", "hello"],
    ["a part without a name", '--XyZ\r\nContent-Disposition: form-data; filename="a"\r\n\r\nx\r\n--XyZ--'],
    ["an unterminated quote", '--XyZ\r\nContent-Disposition: form-data; name="a\r\n\r\nx\r\n--XyZ--'],
  ])("refuses %s as malformed", async (_name, text) => {
    await expect(read(Buffer.from(text), 7)).rejects.toBeInstanceOf(MalformedForm);
  });

  it("refuses part headers that are not UTF-8", async () => {
    const bytes = Buffer.concat([
      Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"\r\n\r\nx\r\n--XyZ--'),
    ]);
    await expect(read(bytes, 4)).rejects.toBeInstanceOf(MalformedForm);
  });
});
