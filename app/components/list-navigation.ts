import { useNavigate } from "@remix-run/react";
import type { MouseEvent } from "react";

/**
 * Client-side navigation for the plain links of a long list (ADR 049): one click handler on the
 * list instead of a `<Link>` per item, whose router hooks cost the server about 25 µs each at every
 * render of an uncached page. The links stay plain `<a href>` (they work without JavaScript) with
 * `data-discover`, so Remix still learns their routes ahead. Keyboard activation of a link is a
 * click too. A click with a modifier key, another button, or on a link to elsewhere, a new window
 * or a download is the browser's.
 */
export function useListNavigation() {
  const navigate = useNavigate();
  return (event: MouseEvent<HTMLElement>) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return;
    const anchor = (event.target as Element).closest("a");
    if (!anchor || !event.currentTarget.contains(anchor)) return;
    if (anchor.target || anchor.hasAttribute("download") || anchor.origin !== window.location.origin) return;
    event.preventDefault();
    navigate(anchor.pathname + anchor.search + anchor.hash);
  };
}
