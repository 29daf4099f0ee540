import { useTranslation } from "react-i18next";
import type { EventState } from "~/schemas/event";

// The badge classes are the topics' (app.css): a published event reads as open, a held one as done.
const BADGE: Record<EventState, string> = { draft: "draft", published: "open", cancelled: "archived", held: "done" };

/** An event's state in the back office. */
export function EventStateBadge({ state }: { state: EventState }) {
  const { t } = useTranslation();
  return <span className={`badge badge--${BADGE[state]}`}>{t(`eventsAdmin.states.${state}`)}</span>;
}
