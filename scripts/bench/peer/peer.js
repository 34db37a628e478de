// The peer side of `npm run bench`: @recogito/text-annotator 4 showing the same article and highlights as the app,
// in the same Chromium. `window.peerOpen` is timed from the call until every highlight is painted, as the app is.
import { createTextAnnotator } from '@recogito/text-annotator';
import '@recogito/text-annotator/text-annotator.css';

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));

/**
 * Builds the article (a paragraph per line, a newline between them, so offsets match the app's text), creates the
 * annotator with the renderer asked for, loads the highlights through the bulk API, and waits for the paint.
 * In 4.1.1 `setAnnotations` draws nothing until the positions are recalculated.
 */
window.peerOpen = async (text, highlights, renderer) => {
  const started = performance.now();
  const container = document.getElementById('article');
  container.replaceChildren();
  text.split('\n').forEach((line, i) => {
    if (i > 0) container.append('\n');
    const paragraph = document.createElement('p');
    paragraph.textContent = line;
    container.append(paragraph);
  });
  const annotator = createTextAnnotator(container, { renderer });
  annotator.setAnnotations(
    highlights.map((h) => ({
      id: h.id,
      bodies: [],
      target: { annotation: h.id, selector: [{ quote: h.quote, start: h.start, end: h.end }] },
    })),
    true,
  );
  annotator.state.store.recalculatePositions();
  window.peerAnnotator = annotator;
  await nextFrame();
  await nextFrame();
  return performance.now() - started;
};
