import { sql, type Kysely } from "kysely";
import { engineOf } from "../portable";

// Frozen: never edit a migration that has run anywhere; add a new one.
// Not fully portable: changing a foreign key's ON DELETE takes a table rebuild on SQLite and an
// ALTER TABLE … CONSTRAINT on PostgreSQL (docs/decisions/014).
//
// A guiding question that the public answered is retired (retired_at), never deleted, and the
// database refuses to delete it: submission_answers.question_id no longer cascades.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table topic_questions add column retired_at varchar(30)`.execute(db);
  await answersForeignKey(db, "no action");
}

export async function down(db: Kysely<any>): Promise<void> {
  await answersForeignKey(db, "cascade");
  await sql`alter table topic_questions drop column retired_at`.execute(db);
}

async function answersForeignKey(db: Kysely<any>, onDelete: "no action" | "cascade") {
  if (engineOf(db) === "postgres") {
    const { rows } = await sql<{ conname: string }>`select conname from pg_constraint
      where conrelid = 'submission_answers'::regclass and confrelid = 'topic_questions'::regclass and contype = 'f'`.execute(db);
    for (const { conname } of rows) await sql`alter table submission_answers drop constraint ${sql.id(conname)}`.execute(db);
    await sql`alter table submission_answers add constraint submission_answers_question_id_fkey
      foreign key (question_id) references topic_questions (id) on delete ${sql.raw(onDelete)}`.execute(db);
    return;
  }
  // SQLite: the documented 12-step rebuild, inside the migration's transaction. Nothing references
  // submission_answers and it has no index, trigger or view besides its primary key, so copying the
  // rows into a new table and renaming it keeps every answer and every other table as they were.
  await sql`create table submission_answers_rebuilt (
    submission_id integer not null references submissions (id) on delete cascade,
    question_id integer not null references topic_questions (id) on delete ${sql.raw(onDelete)},
    text text not null,
    published_text text,
    constraint submission_answers_pk primary key (submission_id, question_id)
  )`.execute(db);
  await sql`insert into submission_answers_rebuilt (submission_id, question_id, text, published_text)
    select submission_id, question_id, text, published_text from submission_answers`.execute(db);
  const [before, after] = await Promise.all([
    sql<{ n: number }>`select count(*) as n from submission_answers`.execute(db),
    sql<{ n: number }>`select count(*) as n from submission_answers_rebuilt`.execute(db),
  ]);
  if (Number(before.rows[0]!.n) !== Number(after.rows[0]!.n)) throw new Error("submission_answers rebuild lost rows");
  await sql`drop table submission_answers`.execute(db);
  await sql`alter table submission_answers_rebuilt rename to submission_answers`.execute(db);
}
