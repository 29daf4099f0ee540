// A bare baseline server for bench:intake, run in a process of its own (so that it does not share
// an event loop with the load generator, as the app's server does not): node:http +
// better-sqlite3, WAL with synchronous=FULL as the app, one INSERT per POST and a redirect.
//
//   tsx bench/intake-baseline.ts plain  — each INSERT its own transaction: one commit (one WAL
//                                         fsync) per POST;
//   tsx bench/intake-baseline.ts group  — group commit as the app does it (ADR 008): the POSTs
//                                         read during one turn of the event loop are inserted on
//                                         the next (setImmediate), each in its own savepoint, in one
//                                         transaction; every redirect waits for that commit.
//
// Speaks to its parent over IPC: sends { port } once listening; answers "count" with { rows };
// exits (removing its database) on "stop".
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";

const mode = process.argv[2];
if (mode !== "plain" && mode !== "group") throw new Error("usage: intake-baseline.ts plain|group");
if (!process.send) throw new Error("intake-baseline.ts runs as a child process of bench/intake.ts");

const dir = mkdtempSync(join(tmpdir(), `puente-bare-${mode}-`));
const sqlite = new Database(join(dir, "bare.sqlite"));
sqlite.pragma("journal_mode = WAL");
sqlite.pragma("synchronous = FULL");
sqlite.exec("create table submissions (id integer primary key, email text, title text, body text, created_at text)");
const insert = sqlite.prepare("insert into submissions (email, title, body, created_at) values (?, ?, ?, ?)");

type Row = [string | null, string | null, string | null, string];
const redirect = (res: ServerResponse, id: number | bigint) => res.writeHead(302, { location: `/r/${id}` }).end();

let queue: Array<{ row: Row; res: ServerResponse }> | null = null;
const savepoint = sqlite.prepare("savepoint unit");
const release = sqlite.prepare("release savepoint unit");
const commitGroup = sqlite.transaction((units: Array<{ row: Row }>) =>
  units.map((u) => {
    savepoint.run();
    const id = insert.run(...u.row).lastInsertRowid;
    release.run();
    return id;
  }),
);

function store(row: Row, res: ServerResponse): void {
  if (mode === "plain") {
    redirect(res, insert.run(...row).lastInsertRowid);
    return;
  }
  if (!queue) {
    const units: Array<{ row: Row; res: ServerResponse }> = (queue = []);
    setImmediate(() => {
      queue = null;
      const ids = commitGroup(units);
      units.forEach((u, i) => redirect(u.res, ids[i]!));
    });
  }
  queue.push({ row, res });
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
    store([form.get("contactEmail"), form.get("title"), form.get("body"), new Date().toISOString()], res);
  });
});

server.listen(0, "127.0.0.1", () => process.send!({ port: (server.address() as { port: number }).port }));

process.on("message", (message) => {
  if (message === "count") process.send!({ rows: (sqlite.prepare("select count(*) as n from submissions").get() as { n: number }).n });
  if (message === "stop") {
    server.close();
    server.closeAllConnections();
    sqlite.close();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  }
});
