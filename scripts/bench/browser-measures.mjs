// What the bench measures inside Chromium. Each function runs in the page (page.evaluate), so its times are the
// page's own clock, free of the round trips between Playwright and the browser.

// Each function is sent to the page on its own (page.evaluate serialises it), so each carries its own small helpers
// rather than sharing them.

/**
 * Run as soon as the app's page begins to load: waits until the document the library reopens shows with `expected`
 * highlights painted, clicks the Library button, and waits until the library's rows fill its view (or all
 * `documents` are rows), then two more frames. Returns the page's clock (Date.now(), milliseconds since 1970) at
 * the document's paint and at the library's, for the bench to compare with when it started the app.
 */
export async function timeColdStartToLibrary({ expected, documents }) {
  const painted = () => {
    let count = 0;
    for (const [name, h] of CSS.highlights) if (name.startsWith('sa-tag-') || name === 'sa-untagged') count += h.size;
    return count;
  };
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const started = performance.now();
  const waitFor = async (what, done) => {
    while (!done()) {
      if (performance.now() - started > 60_000) throw new Error(`${what} did not show within a minute.`);
      await frame();
    }
  };
  await waitFor('The reopened document', () => document.querySelector('h1') !== null && painted() >= expected);
  await frame();
  await frame();
  const documentShownAt = Date.now();
  const button = [...document.querySelectorAll('header button')].find((b) => /^Library/.test(b.textContent));
  if (!button) throw new Error('No Library button in the header.');
  button.click();
  await waitFor("The library's rows", () => {
    const view = document.querySelector('.library');
    const rows = document.querySelectorAll('.library-table tbody tr[data-row]');
    if (!view || rows.length === 0) return false;
    return (
      rows.length >= documents ||
      rows[rows.length - 1].getBoundingClientRect().bottom >= view.getBoundingClientRect().bottom
    );
  });
  await frame();
  await frame();
  return { documentShownAt, libraryShownAt: Date.now() };
}

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

/**
 * In the open dialog, chooses the next option of the select labelled `label` (as an analyst changing a filter) and
 * times it until the text of `watch` in the dialog has changed — the backend has answered and the view re-rendered —
 * and two more frames have passed (the new numbers are on screen).
 */
export async function timeSelect({ label, watch }) {
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const dialog = document.querySelector('dialog[open]');
  const select = [...dialog.querySelectorAll('label')]
    .find((l) => l.textContent.trim().startsWith(label))
    ?.querySelector('select');
  if (!select) throw new Error(`No "${label}" choice in the open dialog.`);
  const before = dialog.querySelector(watch)?.textContent;
  const started = performance.now();
  select.selectedIndex = (select.selectedIndex + 1) % select.options.length;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  for (;;) {
    await frame();
    const now = dialog.querySelector(watch)?.textContent;
    if (now !== undefined && now !== before) break;
    if (performance.now() - started > 60_000) throw new Error(`${watch} did not change within a minute.`);
  }
  await frame();
  await frame();
  return performance.now() - started;
}

/** Clicks `button` in the open dialog and times it until `watch` shows there, and two more frames. */
export async function timeClick({ button, watch }) {
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const dialog = document.querySelector('dialog[open]');
  const target = dialog.querySelector(button);
  if (!target) throw new Error(`No ${button} in the open dialog.`);
  const started = performance.now();
  target.click();
  for (;;) {
    await frame();
    if (dialog.querySelector(watch)) break;
    if (performance.now() - started > 60_000) throw new Error(`${watch} did not show within a minute.`);
  }
  await frame();
  await frame();
  return performance.now() - started;
}
