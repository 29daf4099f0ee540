import type { ReactNode } from "react";

/**
 * A captioned table in a keyboard-scrollable region (narrow screens scroll the table, not the
 * page), with a row saying so when there is nothing to show.
 */
export function DataTable({
  id,
  caption,
  columns,
  empty,
  children,
}: {
  id: string;
  caption: string;
  columns: string[];
  /** Shown in a single row when there are no rows; omit when the table is never empty. */
  empty?: string | false;
  children: ReactNode;
}) {
  return (
    <div className="table-wrap" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table className="table">
        <caption id={`${id}-caption`}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" key={c}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {empty && (
            <tr>
              <td colSpan={columns.length}>{empty}</td>
            </tr>
          )}
          {children}
        </tbody>
      </table>
    </div>
  );
}
