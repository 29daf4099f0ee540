import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface CaughtMail {
  to: string[];
  /** The raw message with quoted-printable undone, enough to find links in. */
  body: string;
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
        messages.push({ to: session.envelope.rcptTo.map((r) => r.address), body: decodeQuotedPrintable(Buffer.concat(chunks).toString("utf8")) });
        callback();
      });
    },
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
