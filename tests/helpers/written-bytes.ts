import { Writable } from "node:stream";

/** Everything `write` writes into a stream, as one buffer (an export's file without a disk). */
export async function writtenBytes(write: (out: Writable) => Promise<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(Buffer.from(chunk));
      callback();
    },
  });
  await write(out);
  return Buffer.concat(chunks);
}
