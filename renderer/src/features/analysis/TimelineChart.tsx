import * as Plot from '@observablehq/plot';
import { useEffect, useRef, useState } from 'react';
import { stanceValues } from '../../../../shared/domain-values';
import { periodsBetween, type Interval, type TimelineRow } from '../../../../shared/analysis/timeline';
import { download } from '../../api/save-export';
import { chartPng, chartSvgText, type ChartPicture } from './chart-file';
import { ProblemAlert } from '../../ui/ProblemAlert';

/** The stances' colours, as in their badges (styles.css): green in favour, red against, grey neutral, amber unclear. */
export const STANCE_COLORS = ['#1e7a3e', '#b3261e', '#8b939c', '#d19a00'] as const;
const WIDTH = 760;
const HEIGHT = 320;

/**
 * Stances per period as stacked bars, drawn by Observable Plot: SVG made without `eval` (so it fits the page's strict
 * CSP, where Vega compiles its expressions with `Function`), small, and with axes, legend and titles of its own. Every
 * week or month between the first and the last is on the axis, an empty one as an empty bar. Plot's `<style>`
 * elements are removed (the CSP refuses them) and their rules are in styles.css. Saved as SVG or PNG.
 */
export function TimelineChart({ rows, interval, title }: { rows: TimelineRow[]; interval: Interval; title: string }) {
  const holder = useRef<HTMLDivElement>(null);
  const chart = useRef<SVGSVGElement | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const container = holder.current;
    if (!container || rows.length === 0) return;
    const periods = periodsBetween(rows[0]!.period, rows.at(-1)!.period, interval);
    // A bar per period and value that has stances (a zero would still be drawn, as a bar of no height).
    const data = rows.flatMap((row) =>
      stanceValues
        .filter((stance) => row.counts[stance] > 0)
        .map((stance) => ({ period: row.period, stance, count: row.counts[stance] })),
    );
    const highest = Math.max(...rows.map((row) => stanceValues.reduce((sum, v) => sum + row.counts[v], 0)));
    const heading = document.createElement('h3');
    heading.textContent = title;
    const figure = Plot.plot({
      title: heading,
      width: WIDTH,
      height: HEIGHT,
      marginBottom: periods.length > 12 ? 60 : 40,
      ariaLabel: `${title}: a stacked bar chart; its numbers are in the table view`,
      x: {
        domain: periods,
        label: interval === 'week' ? 'ISO week of publication' : 'Month of publication',
        tickRotate: periods.length > 12 ? -45 : 0,
        // Every label while they fit, else every few, so that they never overlap.
        ticks: periods.filter((_, i) => i % Math.ceil(periods.length / 26) === 0),
      },
      // Whole numbers on the axis: these are counts.
      y: { label: 'Stances', grid: true, tickFormat: 'd', ticks: Math.min(10, highest) },
      color: { domain: [...stanceValues], range: [...STANCE_COLORS], legend: true },
      marks: [
        Plot.barY(data, {
          x: 'period',
          y: 'count',
          fill: 'stance',
          order: [...stanceValues],
          title: (d: (typeof data)[number]) => `${d.period}: ${d.count} ${d.stance}`,
        }),
        Plot.ruleY([0]),
      ],
    });
    for (const style of figure.querySelectorAll('style')) style.remove();
    chart.current = figure.querySelector<SVGSVGElement>(':scope > svg');
    // One picture to assistive technology, named by its label; its numbers are in the table view. (Plot labels its
    // groups too, which ARIA does not allow on a plain group.)
    chart.current?.setAttribute('role', 'img');
    for (const labelled of chart.current?.querySelectorAll('[aria-label]') ?? [])
      labelled.removeAttribute('aria-label');
    container.replaceChildren(figure);
    return () => {
      chart.current = null;
      container.replaceChildren();
    };
  }, [rows, interval, title]);

  const picture = (): ChartPicture | null =>
    chart.current && chartSvgText(chart.current, title, { domain: stanceValues, range: STANCE_COLORS });

  const saveSvg = (): void => {
    const svg = picture();
    if (svg) download(new Blob([svg.text], { type: 'image/svg+xml' }), 'stances-over-time.svg');
  };
  const savePng = (): void => {
    const svg = picture();
    if (!svg) return;
    chartPng(svg).then(
      (png) => {
        setProblem(null);
        download(png, 'stances-over-time.png');
      },
      (error: Error) => setProblem(`The PNG could not be made: ${error.message}`),
    );
  };

  return (
    <div className="timeline-chart">
      <div ref={holder} />
      <div className="chart-actions">
        <button type="button" onClick={saveSvg}>
          Save SVG…
        </button>
        <button type="button" onClick={savePng}>
          Save PNG…
        </button>
      </div>
      <ProblemAlert problem={problem} />
    </div>
  );
}
