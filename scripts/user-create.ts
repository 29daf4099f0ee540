// npm run user:create -- --email a@b.org --role admin [--party CA|CL] [--name "Name"] [--locale en|fr|es]
// Creates an account with a password typed at the prompt, or generated and printed once.
import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { z } from "zod";
import { createDb } from "../db/client";
import { migrateToLatest } from "../db/migrate";
import { recordAudit } from "../app/models/audit.server";
import { createUser, DuplicateEmailError } from "../app/models/users.server";
import { MIN_PASSWORD_LENGTH } from "../app/schemas/accounts";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    role: { type: "string" },
    party: { type: "string" },
    name: { type: "string" },
    locale: { type: "string", default: "en" },
  },
});

const args = z
  .object({
    email: z.email(),
    role: z.enum(["admin", "moderator", "committee"]),
    party: z.enum(["CA", "CL"]).optional(),
    name: z.string().min(1).optional(),
    locale: z.enum(["en", "fr", "es"]),
  })
  .refine((v) => v.role !== "moderator" || v.party, { message: "--party CA|CL is required for a moderator", path: ["party"] })
  .safeParse(values);

if (!args.success) {
  console.error("usage: npm run user:create -- --email a@b.org --role admin|moderator|committee [--party CA|CL] [--name N] [--locale en|fr|es]");
  for (const issue of args.error.issues) console.error(`  --${issue.path.join(".")}: ${issue.message}`);
  process.exit(2);
}

async function askPassword(): Promise<string | null> {
  if (!process.stdin.isTTY) return null;
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  // Hide what is typed.
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
    if (s.includes("Password")) process.stdout.write(s);
  };
  const answer = await new Promise<string>((resolve) => rl.question(`Password (empty to generate one, at least ${MIN_PASSWORD_LENGTH} characters): `, resolve));
  rl.close();
  process.stdout.write("\n");
  return answer || null;
}

const typed = await askPassword();
if (typed !== null && typed.length < MIN_PASSWORD_LENGTH) {
  console.error(`The password must have at least ${MIN_PASSWORD_LENGTH} characters.`);
  process.exit(2);
}
const password = typed ?? randomBytes(18).toString("base64url");

const db = createDb();
try {
  await migrateToLatest(db);
  const { email, role, party, name, locale } = args.data;
  const user = await createUser(db, { email, role, partyCode: party ?? null, displayName: name ?? email.split("@")[0]!, locale, password });
  await recordAudit(db, {
    actor: null,
    actorLabel: "command line",
    action: "user.created",
    subject: { type: "user", id: user.id },
    details: { email: user.email, role: user.role, party: user.party_code },
  });
  console.log(`Created ${user.role} ${user.email}${user.party_code ? ` (${user.party_code})` : ""}.`);
  if (!typed) console.log(`Password (shown once): ${password}`);
} catch (error) {
  if (error instanceof DuplicateEmailError) {
    console.error(`An account already uses ${args.data.email}.`);
    process.exitCode = 1;
  } else throw error;
} finally {
  await db.destroy();
}
