// What the bench measures inside Chromium. Each function runs in the page (page.evaluate), so its times are the
// page's own clock, free of the round trips between Playwright and the browser.

// Each function is sent to the page on its own (page.evaluate serialises it), so each carries its own small helpers
// rather than sharing them.

/**
 * In the app's Library view, clicks a document's title and times it until the document's heading shows and `expected`
 * highlights are painted, then two more frames (the paint is on screen).
 */
export async function timeOpenFromLibrary({ title, expected }) {
  const painted = () => {
    let count = 0;
    for (const [name, h] of CSS.highlights) if (name.startsWith('sa-tag-') || name === 'sa-untagged') count += h.size;
    return count;
  };
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const button = [...document.querySelectorAll('table button')].find((b) => b.textContent === title);
  if (!button) throw new Error(`No "${title}" in the library table.`);
  const started = performance.now();
  button.click();
  for (;;) {
    await frame();
    if (document.querySelector('h1')?.textContent === title && painted() >= expected) break;
    if (performance.now() - started > 60_000) throw new Error(`"${title}" did not open within a minute.`);
  }
  await frame();
  await frame();
  return performance.now() - started;
}

/**
 * With a passage selected in the article, clicks the codebook's first tag and counts the frames until the new
 * highlight is in the app's CSS highlights (it is painted in that frame), and times it until the backend acknowledged
 * it (the createHighlight response has arrived, which happens only once the change is on disk).
 */
export async function timeAddHighlight() {
  const painted = () => {
    let count = 0;
    for (const [name, h] of CSS.highlights) if (name.startsWith('sa-tag-') || name === 'sa-untagged') count += h.size;
    return count;
  };
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const before = painted();
  const button = document.querySelector('.codebook .tag-button');
  if (!button) throw new Error('No tag button in the codebook bar.');
  performance.clearResourceTimings();
  const started = performance.now();
  button.click();
  let frames = 0;
  let paintedMs = null;
  for (;;) {
    const now = await frame();
    if (paintedMs === null) {
      frames += 1;
      if (painted() > before) paintedMs = now - started;
    }
    const ack = performance.getEntriesByType('resource').find((e) => e.name.includes('/api/createHighlight'));
    if (paintedMs !== null && ack && ack.responseEnd > 0)
      return { frames, paintedMs, ackMs: ack.responseEnd - started };
    if (performance.now() - started > 30_000) throw new Error('The highlight was not painted and saved within 30 s.');
  }
}

/**
 * Scrolls `selector` (the window when null) from top to bottom, one viewport per frame, and reports the longest frame,
 * the frames over 50 ms, and the longest task the browser reported.
 */
export async function timeScroll({ selector }) {
  const scroller = selector ? document.querySelector(selector) : document.scrollingElement;
  if (!scroller) throw new Error(`Nothing to scroll: ${selector}`);
  const longTasks = [];
  const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => e.duration)));
  observer.observe({ type: 'longtask', buffered: false });
  scroller.scrollTop = 0;
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  await frame();
  const frames = [];
  let last = await frame();
  while (scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 1) {
    scroller.scrollTop += scroller.clientHeight;
    const now = await frame();
    frames.push(now - last);
    last = now;
  }
  await frame();
  observer.disconnect();
  return {
    frames: frames.length,
    longestFrameMs: Math.max(...frames),
    framesOver50: frames.filter((f) => f > 50).length,
    longestTaskMs: longTasks.length ? Math.max(...longTasks) : 0,
  };
}
