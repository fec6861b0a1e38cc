// One interval chart drawn by uPlot: x is time (cut in the report's zone), one or more series.
// The chart is a picture named by its caption; its values are also in a table the page shows
// (aria-describedby points to it), so nothing is only on the canvas.
import { useEffect, useRef, type ReactNode } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  values: readonly (number | null)[];
  stroke: string;
  dash?: number[];
  /** Draw as bars (volumes) rather than a line. */
  bars?: boolean;
}

export interface TimeChartProps {
  id: string;
  caption: string;
  /** The id of the element holding the same values as a table. */
  describedBy: string;
  /** Interval starts, UTC milliseconds. */
  xs: readonly number[];
  series: readonly ChartSeries[];
  /** The zone the x axis is read in. */
  zone: string;
  formatX: (ms: number) => string;
  formatY: (value: number) => string;
  yRange?: [number, number];
  /** The smallest top of the y axis when no range is given (so small values keep round ticks). */
  yMinTop?: number;
  /** The x axis spans the report's whole range (UTC ms), not only the intervals with data. */
  xRange: [number, number];
  /** The x value's name in the legend ("Time"). */
  xLabel: string;
  /** A horizontal line across the whole chart (a target), in y units. */
  guide?: { value: number; stroke: string } | undefined;
}

const HEIGHT = 240;

let drawable: boolean | undefined;
function canDraw(): boolean {
  drawable ??= document.createElement('canvas').getContext('2d') !== null;
  return drawable;
}

export function TimeChart(props: TimeChartProps): ReactNode {
  const box = useRef<HTMLDivElement>(null);
  const { xs, series, zone, formatX, formatY, yRange, xLabel } = props;
  const yMinTop = props.yMinTop ?? 1;
  const [xFrom, xTo] = props.xRange;
  const guideValue = props.guide?.value;
  const guideStroke = props.guide?.stroke;
  useEffect(() => {
    const element = box.current;
    if (element === null) return;
    const width = Math.max(320, element.clientWidth || 800);
    const bars = uPlot.paths.bars?.({ size: [0.7, 60], gap: 2 });
    let plot: uPlot | undefined;
    // No canvas (a test's DOM): the table beside the chart still has every value.
    if (!canDraw()) return undefined;
    try {
      plot = new uPlot(
        {
          width,
          height: HEIGHT,
          hooks: {
            draw: [
              (u) => {
                if (guideValue === undefined || guideStroke === undefined) return;
                const y = Math.round(u.valToPos(guideValue, 'y', true));
                const { ctx, bbox } = u;
                ctx.save();
                ctx.strokeStyle = guideStroke;
                ctx.lineWidth = 2 * devicePixelRatio;
                ctx.setLineDash([8 * devicePixelRatio, 5 * devicePixelRatio]);
                ctx.beginPath();
                ctx.moveTo(bbox.left, y);
                ctx.lineTo(bbox.left + bbox.width, y);
                ctx.stroke();
                ctx.restore();
              },
            ],
          },
          tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), zone),
          scales: {
            x: { time: true, range: () => [xFrom / 1000, xTo / 1000] },
            y:
              yRange === undefined
                ? { range: (_u, min, max) => [0, Math.max(yMinTop, max, min)] }
                : { range: yRange },
          },
          axes: [
            {
              stroke: '#4a505c',
              values: (_u, splits) => splits.map((s) => formatX(s * 1000)),
            },
            {
              stroke: '#4a505c',
              size: 60,
              values: (_u, splits) => splits.map((v) => formatY(v)),
            },
          ],
          series: [
            { label: xLabel, value: (_u, v) => (v === null ? '' : formatX(v * 1000)) },
            ...series.map((s) => ({
              label: s.label,
              stroke: s.stroke,
              width: 2,
              ...(s.bars === true && bars !== undefined
                ? { paths: bars, fill: `${s.stroke}55` }
                : {}),
              ...(s.dash === undefined ? {} : { dash: s.dash }),
              spanGaps: false,
              points: { show: s.bars !== true && s.dash === undefined },
              value: (_u: uPlot, v: number | null) => (v === null ? '—' : formatY(v)),
            })),
          ],
        },
        [xs.map((x) => x / 1000), ...series.map((s) => [...s.values])] as uPlot.AlignedData,
        element,
      );
    } catch {
      plot = undefined;
    }
    const resize = (): void =>
      plot?.setSize({ width: Math.max(320, element.clientWidth || 800), height: HEIGHT });
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      plot?.destroy();
    };
  }, [
    xs,
    series,
    zone,
    formatX,
    formatY,
    yRange,
    yMinTop,
    xFrom,
    xTo,
    xLabel,
    guideValue,
    guideStroke,
  ]);
  return (
    <figure className="report-chart">
      <figcaption id={`${props.id}-caption`}>{props.caption}</figcaption>
      <div
        ref={box}
        role="img"
        aria-labelledby={`${props.id}-caption`}
        aria-describedby={props.describedBy}
        data-chart={props.id}
      />
    </figure>
  );
}
