// One uPlot chart of per-interval series. The x axis is the interval's index, labelled with its
// local start (already in the site's time zone and the reader's locale); the canvas is hidden
// from screen readers, which read the table the page prints beside every chart.
import { useEffect, useRef, type ReactNode } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  values: readonly (number | null)[];
  color: string;
  kind: 'bars' | 'step' | 'line';
  dash?: number[];
}

export interface PlanningChartProps {
  id: string;
  title: string;
  note: string;
  labels: readonly string[];
  /** The legend's name for the x value, e.g. "Interval". */
  xLabel: string;
  series: readonly ChartSeries[];
  formatY: (value: number) => string;
  /** Fixed y range, e.g. [0, 1] for service levels. */
  yRange?: [number, number];
}

const HEIGHT = 260;

function pathsFor(kind: ChartSeries['kind']): uPlot.Series.PathBuilder | undefined {
  if (kind === 'bars') return uPlot.paths.bars?.({ size: [0.6, 60] });
  if (kind === 'step') return uPlot.paths.stepped?.({ align: 1 });
  return undefined;
}

export function PlanningChart(props: PlanningChartProps): ReactNode {
  const holder = useRef<HTMLDivElement>(null);
  const { labels, xLabel, series, formatY, yRange } = props;

  useEffect(() => {
    const target = holder.current;
    if (target === null) return;
    const width = Math.max(320, target.clientWidth || 720);
    const x = labels.map((_, i) => i);
    const data: uPlot.AlignedData = [x, ...series.map((s) => s.values.map((v) => v))];
    const options: uPlot.Options = {
      width,
      height: HEIGHT,
      scales: {
        x: { time: false, range: [-0.5, Math.max(0.5, labels.length - 0.5)] },
        ...(yRange === undefined ? {} : { y: { range: yRange } }),
      },
      axes: [
        {
          values: (_u, splits) =>
            splits.map((split) => (Number.isInteger(split) ? (labels[split] ?? '') : '')),
        },
        { values: (_u, splits) => splits.map(formatY), size: 64 },
      ],
      series: [
        { label: xLabel, value: (_u, v) => (v === null ? '' : (labels[v] ?? '')) },
        ...series.map((s): uPlot.Series => {
          const paths = pathsFor(s.kind);
          return {
            label: s.label,
            stroke: s.color,
            width: 2,
            ...(s.kind === 'bars' ? { fill: `${s.color}55` } : {}),
            ...(paths === undefined ? {} : { paths }),
            ...(s.dash === undefined ? {} : { dash: s.dash }),
            points: { show: s.kind === 'line' },
            value: (_u, v) => (v === null ? '—' : formatY(v)),
          };
        }),
      ],
    };
    const chart = new uPlot(options, data, target);
    const resize =
      typeof ResizeObserver === 'undefined'
        ? undefined
        : new ResizeObserver(() => {
            const next = Math.max(320, target.clientWidth);
            if (next !== chart.width) chart.setSize({ width: next, height: HEIGHT });
          });
    resize?.observe(target);
    return () => {
      resize?.disconnect();
      chart.destroy();
    };
  }, [labels, xLabel, series, formatY, yRange]);

  return (
    <figure className="planning-chart" aria-labelledby={`${props.id}-title`}>
      <figcaption id={`${props.id}-title`}>
        {props.title} <span className="visually-hidden">{props.note}</span>
      </figcaption>
      <div ref={holder} className="planning-chart-canvas" aria-hidden="true" />
    </figure>
  );
}
