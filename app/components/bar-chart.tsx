import { scaleBand, scaleLinear } from "d3-scale";

/*
 * Charts drawn on the server as plain SVG (no script): d3-scale only computes positions.
 * Each series (a country) has a colour AND a fill of its own (solid / hatched), and every bar is
 * labelled with its series' name and its value, so colour is never the only cue. The chart is an
 * image with a title and a description; the numbers themselves are in the table beside it.
 */

export interface ChartSeries {
  key: string;
  label: string;
}

export interface ChartCategory {
  key: string;
  label: string;
  /** Value per series key; null for a suppressed group (drawn as no bar, with `suppressedLabel`). */
  values: Record<string, number | null>;
}

interface SeriesStyle {
  fill: string;
  stroke: string;
  /** Hatched: stripes of `stroke` over a light `fill`. */
  hatched: boolean;
}

// Canada: solid dark blue (6.7:1 on white). Chile: dark orange stripes on a light orange ground,
// outlined in the same dark orange (5.5:1 on white). Blue/orange stays distinct for colour blindness.
const STYLES: SeriesStyle[] = [
  { fill: "#1f5c99", stroke: "#1f5c99", hatched: false },
  { fill: "#fbe3cc", stroke: "#9a4600", hatched: true },
];
const SERIES_STYLE: Record<string, number> = { CA: 0, CL: 1 };
const INK = "#1b1f24";
const MUTED = "#4a5460";
const GRID = "#d5dbe1";

function styleOf(key: string, index: number) {
  return STYLES[SERIES_STYLE[key] ?? index % STYLES.length]!;
}

function paintOf(chartId: string, key: string, index: number) {
  const style = styleOf(key, index);
  return { fill: style.hatched ? `url(#${chartId}-hatch-${key})` : style.fill, stroke: style.stroke };
}

function Patterns({ chartId, series }: { chartId: string; series: ChartSeries[] }) {
  return (
    <defs>
      {series.map((s, i) => {
        const style = styleOf(s.key, i);
        if (!style.hatched) return null;
        return (
          <pattern key={s.key} id={`${chartId}-hatch-${s.key}`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill={style.fill} />
            <rect width="3" height="6" fill={style.stroke} />
          </pattern>
        );
      })}
    </defs>
  );
}

function Legend({ chartId, series, y }: { chartId: string; series: ChartSeries[]; y: number }) {
  // Each entry starts where the previous one's swatch and label end.
  const starts = series.map((_, i) => series.slice(0, i).reduce((x, s) => x + 34 + s.label.length * 7.5, 0));
  return (
    <g className="chart__legend">
      {series.map((s, i) => {
        const at = starts[i];
        const paint = paintOf(chartId, s.key, i);
        return (
          <g key={s.key} transform={`translate(${at},${y})`}>
            <rect width="16" height="16" fill={paint.fill} stroke={paint.stroke} strokeWidth="1.5" />
            <text x="22" y="13" fontSize="13" fill={INK}>
              {s.label}
            </text>
          </g>
        );
      })}
    </g>
  );
}

/** Splits a label into lines of at most `max` characters, at spaces. */
function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/)) {
    const last = lines.at(-1);
    if (last !== undefined && (last + " " + word).length <= max) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

// Narrow on purpose: at 360 px the chart is drawn at about its own size, so its text stays readable;
// wider screens cap its width in CSS (.chart) rather than enlarge it.
const WIDTH = 340;

/**
 * Horizontal bars, one group per category, one bar per series inside it; each category's label
 * above its bars, each bar's series name at its start (when there are several) and its value at
 * its end.
 */
export function BarChart({
  id,
  title,
  description,
  series,
  categories,
  suppressedLabel,
  formatNumber,
}: {
  id: string;
  title: string;
  description: string;
  series: ChartSeries[];
  categories: ChartCategory[];
  suppressedLabel: string;
  formatNumber: (n: number) => string;
}) {
  const multi = series.length > 1;
  const legendHeight = multi ? 30 : 0;
  const labelLines = categories.map((c) => wrap(c.label, 36));
  const lineHeight = 17;
  const labelBlock = Math.max(1, ...labelLines.map((l) => l.length)) * lineHeight + 6;
  const rowHeight = 20;
  const groupHeight = labelBlock + series.length * rowHeight + 14;
  const height = legendHeight + categories.length * groupHeight;

  const seriesLabelWidth = multi ? Math.max(...series.map((s) => s.label.length)) * 7.2 + 10 : 0;
  const valueRoom = 44;
  const max = Math.max(1, ...categories.flatMap((c) => series.map((s) => c.values[s.key] ?? 0)));
  const x = scaleLinear()
    .domain([0, max])
    .range([0, WIDTH - seriesLabelWidth - valueRoom]);
  const group = scaleBand<string>()
    .domain(categories.map((c) => c.key))
    .range([legendHeight, height]);
  const row = scaleBand<string>()
    .domain(series.map((s) => s.key))
    .range([labelBlock, labelBlock + series.length * rowHeight])
    .paddingInner(0.2);

  return (
    <svg className="chart" viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-labelledby={`${id}-title ${id}-desc`} focusable="false">
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      <Patterns chartId={id} series={series} />
      {multi && <Legend chartId={id} series={series} y={4} />}
      {categories.map((c, ci) => (
        <g key={c.key} transform={`translate(0,${group(c.key)})`}>
          <text y={lineHeight - 4} fontSize="14" fontWeight="600" fill={INK}>
            {labelLines[ci]!.map((line, li) => (
              <tspan key={li} x="0" dy={li === 0 ? 0 : lineHeight}>
                {line}
              </tspan>
            ))}
          </text>
          {series.map((s, si) => {
            const value = c.values[s.key] ?? null;
            const y = row(s.key)!;
            const h = row.bandwidth();
            const paint = paintOf(id, s.key, si);
            const w = value === null ? 0 : x(value);
            return (
              <g key={s.key}>
                {multi && (
                  <text x="0" y={y + h / 2} dy="0.35em" fontSize="12.5" fill={MUTED}>
                    {s.label}
                  </text>
                )}
                <line x1={seriesLabelWidth} x2={seriesLabelWidth} y1={y - 2} y2={y + h + 2} stroke={GRID} strokeWidth="1" />
                {w > 0 && <rect x={seriesLabelWidth} y={y} width={w} height={h} fill={paint.fill} stroke={paint.stroke} strokeWidth="1.5" />}
                <text x={seriesLabelWidth + w + 5} y={y + h / 2} dy="0.35em" fontSize="13" fill={INK} fontStyle={value === null ? "italic" : undefined}>
                  {value === null ? suppressedLabel : formatNumber(value)}
                </text>
              </g>
            );
          })}
        </g>
      ))}
    </svg>
  );
}

/**
 * Columns over time: one group per month (x axis), one column per series, with a value axis;
 * values are written above the columns when there is room for them.
 */
export function ColumnChart({
  id,
  title,
  description,
  series,
  months,
  formatNumber,
}: {
  id: string;
  title: string;
  description: string;
  series: ChartSeries[];
  /** In order; `shortLabel` on the axis, `year` under the first month and every January. */
  months: Array<{ key: string; shortLabel: string; year: string; values: Record<string, number> }>;
  formatNumber: (n: number) => string;
}) {
  const height = 260;
  const left = 30;
  const right = 6;
  const top = 44;
  const bottom = 40;
  const max = Math.max(1, ...months.flatMap((m) => series.map((s) => m.values[s.key] ?? 0)));
  const y = scaleLinear()
    .domain([0, max])
    .nice()
    .range([height - bottom, top]);
  const ticks = y.ticks(4).filter((v) => Number.isInteger(v));
  // Few months: columns of a readable width, not stretched over the whole chart.
  const plotWidth = Math.min(WIDTH - left - right, Math.max(1, months.length) * 80);
  const x = scaleBand<string>()
    .domain(months.map((m) => m.key))
    .range([left, left + plotWidth])
    .paddingInner(0.25)
    .paddingOuter(0.15);
  const inner = scaleBand<string>()
    .domain(series.map((s) => s.key))
    .range([0, x.bandwidth()])
    .paddingInner(0.1);
  const labelEvery = Math.max(1, Math.ceil(30 / x.step()));
  const showValues = inner.bandwidth() >= 13;

  return (
    <svg className="chart" viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-labelledby={`${id}-title ${id}-desc`} focusable="false">
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      <Patterns chartId={id} series={series} />
      <Legend chartId={id} series={series} y={4} />
      {ticks.map((v) => (
        <g key={v}>
          <line x1={left} x2={WIDTH - right} y1={y(v)} y2={y(v)} stroke={GRID} strokeWidth="1" />
          <text x={left - 6} y={y(v)} dy="0.35em" textAnchor="end" fontSize="12" fill={MUTED}>
            {formatNumber(v)}
          </text>
        </g>
      ))}
      {months.map((m, mi) => {
        const x0 = x(m.key)!;
        const showYear = mi === 0 || m.key.endsWith("-01");
        return (
          <g key={m.key}>
            {series.map((s, si) => {
              const value = m.values[s.key] ?? 0;
              const paint = paintOf(id, s.key, si);
              const cx = x0 + inner(s.key)!;
              return (
                <g key={s.key}>
                  {value > 0 && (
                    <rect x={cx} y={y(value)} width={inner.bandwidth()} height={y(0) - y(value)} fill={paint.fill} stroke={paint.stroke} strokeWidth="1.5" />
                  )}
                  {showValues && (
                    <text x={cx + inner.bandwidth() / 2} y={y(value) - 4} textAnchor="middle" fontSize="11.5" fill={INK}>
                      {formatNumber(value)}
                    </text>
                  )}
                </g>
              );
            })}
            {mi % labelEvery === 0 && (
              <text x={x0 + x.bandwidth() / 2} y={height - bottom + 16} textAnchor="middle" fontSize="12" fill={INK}>
                {m.shortLabel}
              </text>
            )}
            {showYear && (
              <text x={x0 + x.bandwidth() / 2} y={height - bottom + 32} textAnchor="middle" fontSize="12" fontWeight="600" fill={MUTED}>
                {m.year}
              </text>
            )}
          </g>
        );
      })}
      <line x1={left} x2={WIDTH - right} y1={y(0)} y2={y(0)} stroke={MUTED} strokeWidth="1" />
    </svg>
  );
}
