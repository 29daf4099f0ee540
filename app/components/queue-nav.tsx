import { Link, useNavigate } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";

export interface QueuePosition {
  /** Links that keep the list's filters (already built by the loader). */
  listHref: string;
  previousHref: string | null;
  nextHref: string | null;
}

/** Where each shortcut goes: a link to follow, or the first of these elements found to focus. */
const shortcuts = [
  { keys: ["j", "n"], label: "next", link: "next" },
  { keys: ["k", "p"], label: "previous", link: "previous" },
  { keys: ["a"], label: "approve", focus: ["approve-button"] },
  { keys: ["r"], label: "reject", focus: ["field-reason", "field-unpublish-reason"] },
  { keys: ["c"], label: "claim", focus: ["claim-button"] },
  { keys: ["i"], label: "note", focus: ["field-noteBody"] },
  { keys: ["l"], label: "list", link: "list" },
] as const;

/** Typing in a field (or a key with a modifier) is never a shortcut. */
function typing(event: KeyboardEvent) {
  if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing || event.defaultPrevented) return true;
  const target = event.target as HTMLElement | null;
  if (!target) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/**
 * "Back to the list", previous and next in the same filtered list, and the keyboard shortcuts that
 * repeat them (ADR 042): JavaScript only adds the keys; every one has its link or button.
 */
export function QueueNav({ position }: { position: QueuePosition }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (typing(event)) return;
      const shortcut = shortcuts.find((s) => (s.keys as readonly string[]).includes(event.key));
      if (!shortcut) return;
      if ("link" in shortcut) {
        const href = { next: position.nextHref, previous: position.previousHref, list: position.listHref }[shortcut.link];
        if (!href) return;
        event.preventDefault();
        navigate(href);
        return;
      }
      const element = shortcut.focus.map((id) => document.getElementById(id)).find((e) => e !== null);
      if (!element) return;
      event.preventDefault();
      element.scrollIntoView({ block: "center" });
      element.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [navigate, position.nextHref, position.previousHref, position.listHref]);
  return (
    <nav aria-label={t("moderation.queueNav.label")} className="queue-nav">
      <ul>
        <li>
          <Link to={position.listHref}>{t("moderation.backToList")}</Link>
        </li>
        {position.previousHref && (
          <li>
            <Link to={position.previousHref} rel="prev">
              {t("moderation.queueNav.previous")}
            </Link>
          </li>
        )}
        {position.nextHref && (
          <li>
            <Link to={position.nextHref} rel="next">
              {t("moderation.queueNav.next")}
            </Link>
          </li>
        )}
      </ul>
    </nav>
  );
}

/** The shortcuts, documented on the page. */
export function ShortcutHelp() {
  const { t } = useTranslation();
  return (
    <details className="shortcut-help">
      <summary>{t("moderation.queueNav.shortcutsTitle")}</summary>
      <p>{t("moderation.queueNav.shortcutsIntro")}</p>
      <dl>
        {shortcuts.map((s) => (
          <div key={s.label}>
            <dt>
              {s.keys.map((key, i) => (
                <span key={key}>
                  {i > 0 && ` ${t("moderation.queueNav.or")} `}
                  <kbd>{key}</kbd>
                </span>
              ))}
            </dt>
            <dd>{t(`moderation.queueNav.shortcuts.${s.label}`)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
