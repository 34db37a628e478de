/**
 * A chart as a file: the chart's SVG (drawn by Observable Plot) with its title and legend put into the picture, since
 * in the page they are HTML beside it. Saved as SVG, or drawn on a canvas and saved as PNG.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';
const TITLE_HEIGHT = 28;
const LEGEND_HEIGHT = 22;
const SWATCH = 10;

/** Plot's own rules for its SVG, kept out of the page (the page's CSP allows no inline style) and put in the file. */
const PLOT_RULES = 'svg { background: white; } text, tspan { white-space: pre; }';

export interface ChartLegend {
  domain: readonly string[];
  range: readonly string[];
}

function element<K extends keyof SVGElementTagNameMap>(
  name: K,
  attributes: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

export interface ChartPicture {
  text: string;
  width: number;
  height: number;
}

/** The SVG text of a chart with its title above and its legend below the title. */
export function chartSvgText(chart: SVGSVGElement, title: string, legend: ChartLegend): ChartPicture {
  const width = Number(chart.getAttribute('width'));
  const height = Number(chart.getAttribute('height'));
  const top = TITLE_HEIGHT + LEGEND_HEIGHT;
  const file = element('svg', {
    xmlns: SVG_NS,
    width,
    height: height + top,
    viewBox: `0 0 ${width} ${height + top}`,
    'font-family': 'system-ui, sans-serif',
    'font-size': 10,
  });
  file.append(element('style', {}, PLOT_RULES));
  file.append(element('rect', { width, height: height + top, fill: 'white' }));
  file.append(element('text', { x: 0, y: 18, 'font-size': 15, 'font-weight': 'bold' }, title));
  let x = 0;
  legend.domain.forEach((name, i) => {
    const y = TITLE_HEIGHT + 4;
    file.append(element('rect', { x, y, width: SWATCH, height: SWATCH, fill: legend.range[i] ?? 'black' }));
    file.append(element('text', { x: x + SWATCH + 4, y: y + SWATCH - 1 }, name));
    x += SWATCH + 12 + name.length * 6;
  });
  const copy = chart.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('y', String(top));
  copy.removeAttribute('class');
  file.append(copy);
  return { text: new XMLSerializer().serializeToString(file), width, height: height + top };
}

/** The chart as a PNG at twice its size (sharp on high-density screens and in print). */
export async function chartPng({ text, width, height }: ChartPicture): Promise<Blob> {
  const image = new Image();
  // A data: URL, which the page's CSP allows for images (a blob: URL it does not).
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = width * 2;
  canvas.height = height * 2;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot draw the picture.');
  context.scale(2, 2);
  context.drawImage(image, 0, 0, width, height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The picture could not be made.'))), 'image/png'),
  );
}
