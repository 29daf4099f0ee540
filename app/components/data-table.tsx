import type { ReactNode } from "react";

/**
 * A captioned table in a keyboard-scrollable region (narrow screens scroll the table, not the
 * page), with a row saying so when there is nothing to show. `stack` lays each row out as a card
 * on narrow screens instead (for rows with actions in their last columns); its rows then need
 * `role="row"` and its cells `role="cell"` and a `data-label` with their column's heading (the
 * explicit roles keep the table's semantics for screen readers once CSS lays it out as blocks).
 */
export function DataTable({
  id,
  caption,
  columns,
  empty,
  stack = false,
  children,
}: {
  id: string;
  caption: string;
  columns: string[];
  /** Shown in a single row when there are no rows; omit when the table is never empty. */
  empty?: string | false;
  stack?: boolean;
  children: ReactNode;
}) {
  return (
    // A region that scrolls sideways must be reachable by keyboard (axe: scrollable-region-focusable).
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- see the line above
    <div className="table-wrap" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table className={stack ? "table table--stack" : "table"} role={stack ? "table" : undefined}>
        <caption id={`${id}-caption`}>{caption}</caption>
        <thead role={stack ? "rowgroup" : undefined}>
          <tr role={stack ? "row" : undefined}>
            {columns.map((c) => (
              <th scope="col" key={c} role={stack ? "columnheader" : undefined}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role={stack ? "rowgroup" : undefined}>
          {empty && (
            <tr role={stack ? "row" : undefined}>
              <td colSpan={columns.length} role={stack ? "cell" : undefined}>
                {empty}
              </td>
            </tr>
          )}
          {children}
        </tbody>
      </table>
    </div>
  );
}
