import type { Kysely } from "kysely";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import type { Database } from "../../db/schema";

export interface CaughtMail {
  to: string[];
  /** The raw message with quoted-printable undone, enough to find links in. */
  body: string;
  /** The message's header block as received (no decoding: a URL's `=` stays as it is). */
  head: string;
  /** The whole message as received. */
  raw: string;
}

export interface MailCatcher {
  url: string;
  messages: CaughtMail[];
  /** The last message sent to this address. */
  lastTo(address: string): CaughtMail | undefined;
  /** The nth message to this address (1 = first), waited for: some emails leave after the answer. */
  nthTo(address: string, nth: number): Promise<CaughtMail>;
  /** Refuses the next `count` messages (451, naming the recipient), as a server that is down would. */
  rejectNext(count: number): void;
  stop(): Promise<void>;
}

function decodeQuotedPrintable(raw: string): string {
  return raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** An SMTP server in the test process, for the app (in process or a started server) to send to. */
export async function startMailCatcher(): Promise<MailCatcher> {
  const messages: CaughtMail[] = [];
  let rejecting = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (rejecting > 0) {
          rejecting--;
          const to = session.envelope.rcptTo.map((r) => r.address).join(", ");
          return callback(Object.assign(new Error(`Mailbox of ${to} unavailable, try later`), { responseCode: 451 }));
        }
        const raw = Buffer.concat(chunks).toString("utf8");
        messages.push({ to: session.envelope.rcptTo.map((r) => r.address), body: decodeQuotedPrintable(raw), head: raw.split(/\r?\n\r?\n/)[0] ?? "", raw });
        callback();
      });
    },
  });
  // A client (a server process the test stops) may vanish mid-connection: not the catcher's error.
  server.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "ECONNRESET") console.error(`mail catcher: ${error.message}`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const to = (address: string) => messages.filter((m) => m.to.includes(address.toLowerCase()));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    messages,
    lastTo: (address) => to(address).at(-1),
    async nthTo(address, nth) {
      for (let i = 0; to(address).length < nth && i < 200; i++) await new Promise((r) => setTimeout(r, 25));
      const message = to(address)[nth - 1];
      if (!message) throw new Error(`no email number ${nth} to ${address}`);
      return message;
    },
    rejectNext: (count) => void (rejecting = count),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A header of a caught message (unfolded), or undefined: e.g. List-Unsubscribe (RFC 8058). */
export function headerOf(message: CaughtMail, name: string): string | undefined {
  const unfolded = message.head.replace(/\r?\n[ \t]+/g, " ");
  const line = unfolded.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}

/** The message with quoted-printable undone as UTF-8 (`body` undoes it byte by byte): for non-ASCII text. */
export function utf8Body(message: CaughtMail): string {
  const soft = message.raw.replace(/=\r?\n/g, "");
  return Buffer.from(
    soft.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    "latin1",
  ).toString("utf8");
}

/** The last email queued in the outbox for an address (stored lower-cased), before any SMTP server sees it. */
export function lastQueuedEmailTo(db: Kysely<Database>, address: string) {
  return db.selectFrom("outbox").selectAll().where("to_address", "=", address.toLowerCase()).orderBy("id", "desc").executeTakeFirstOrThrow();
}
