import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/data-table";
import { Redactable } from "~/components/published-submission";
import type { HistoryChange, HistoryEntry } from "~/models/submission-history.server";
import type { DiffPart } from "~/utils/word-diff";

/**
 * A submission's history as the officials read it: who did what, when, and what changed, in words
 * (see historyInWords), text changes as a word-level diff. On a phone each entry is a card.
 */
export function SubmissionHistory({ entries, textLang }: { entries: Array<HistoryEntry & { at: string }>; textLang: string }) {
  const { t } = useTranslation();
  const columns = {
    when: t("moderation.historyColumns.when"),
    who: t("moderation.historyColumns.who"),
    what: t("moderation.historyColumns.what"),
    details: t("moderation.historyColumns.details"),
  };
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t("moderation.history")}</h2>
      <DataTable
        id="history"
        caption={t("moderation.historyCaption")}
        columns={Object.values(columns)}
        empty={entries.length === 0 && t("moderation.noHistory")}
        stack
      >
        {entries.map((e) => (
          <tr key={e.id} role="row">
            <td role="cell" data-label={columns.when}>
              {e.at}
            </td>
            <td role="cell" data-label={columns.who}>
              {e.who}
            </td>
            <td role="cell" data-label={columns.what}>
              {e.what}
            </td>
            <td role="cell" data-label={columns.details}>
              {e.reason && <p>{e.reason}</p>}
              {e.note && <p className="pre-line">{e.note}</p>}
              {e.invalidated.length > 0 && (
                <div role="note">
                  {e.invalidated.map((line) => (
                    <p key={line}>{line}</p>
                  ))}
                </div>
              )}
              {e.changes.length > 0 && <Changes changes={e.changes} textLang={textLang} />}
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

function Changes({ changes, textLang }: { changes: HistoryChange[]; textLang: string }) {
  const { t } = useTranslation();
  return (
    <details>
      <summary>{changes.map((c) => c.label).join(", ")}</summary>
      <dl className="changes">
        {changes.map((c) => (
          <div key={c.field}>
            <dt>{c.label}</dt>
            {c.kind === "value" ? (
              <dd>
                <del>{c.before}</del> → <ins>{c.after}</ins>
              </dd>
            ) : (
              <dd>
                {c.coarse && <p className="muted">{t("moderation.historyWords.coarse")}</p>}
                <p className="pre-line diff" lang={c.lang ?? textLang}>
                  <Diff parts={c.parts} />
                </p>
              </dd>
            )}
          </div>
        ))}
      </dl>
    </details>
  );
}

/** Removed words struck through, added ones underlined, each announced as such to screen readers; redaction marks read as the page's "[redacted]". */
export function Diff({ parts }: { parts: DiffPart[] }) {
  const { t } = useTranslation();
  return (
    <>
      {parts.map((p, i) =>
        p.op === "same" ? (
          <span key={i}>
            <Redactable text={p.text} />
          </span>
        ) : p.op === "del" ? (
          <del key={i}>
            <span className="visually-hidden">{`[${t("moderation.historyWords.removed")} `}</span>
            <Redactable text={p.text} />
            <span className="visually-hidden">]</span>
          </del>
        ) : (
          <ins key={i}>
            <span className="visually-hidden">{`[${t("moderation.historyWords.added")} `}</span>
            <Redactable text={p.text} />
            <span className="visually-hidden">]</span>
          </ins>
        ),
      )}
    </>
  );
}
