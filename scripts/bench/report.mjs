// The bench's table: each figure's median over the runs, beside the peer's and the target it is held to.

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const ms = (value) => `${value < 10 ? value.toFixed(1) : Math.round(value).toLocaleString('en')} ms`;
const mb = (value) => `${value.toFixed(1)} MB`;
const n = (value) => value.toLocaleString('en');

/** The rows of the table: what was measured, ours, the peer's, and whether the target holds. */
export function summarise(raw, sizes) {
  const { ours, peer, library, backend } = raw;
  const big = `${n(sizes.long[0] / 1000)} KB / ${n(sizes.long[1])} highlights`;
  const small = `${n(sizes.short[0] / 1000)} KB / ${n(sizes.short[1])} highlights`;
  const openLong = median(ours.openLong);
  const peerLong = median(peer.openLong);
  const scrollWorst = (list) => ({
    frame: Math.max(...list.map((s) => s.longestFrameMs)),
    over: Math.max(...list.map((s) => s.framesOver50)),
    task: Math.max(...list.map((s) => s.longestTaskMs)),
  });
  const ourScroll = scrollWorst(ours.scroll);
  const peerScroll = scrollWorst(peer.scroll);
  const heap = median(ours.heapMb);
  const peerHeap = median(peer.heapMb);
  const saveAck = median(backend.saves.map((s) => s.ackMs));
  const blocked = Math.max(...backend.saves.map((s) => s.blockedMs));
  const exportMs = median(backend.exports.map((e) => e.buildAndWriteMs));
  const floorMs = median(backend.exports.map((e) => e.floorMs));
  const coldStart = median(library.coldStart);
  const documents = n(backend.documents);
  const highlights = n(backend.highlights);
  return [
    {
      label: `Open ${big}, until painted`,
      ours: ms(openLong),
      peer: ms(peerLong),
      ratio: `${(openLong / peerLong).toFixed(3)}×`,
      target: '< 150 ms and ≤ 0.1× peer',
      pass: openLong < 150 && openLong <= peerLong / 10,
    },
    {
      label: `Open ${small}, until painted`,
      ours: ms(median(ours.openShort)),
      peer: ms(median(peer.openShort)),
      ratio: `${(median(ours.openShort) / median(peer.openShort)).toFixed(3)}×`,
      target: '',
      pass: null,
    },
    {
      label: `Peer with its default renderer (SPANS), ${big}`,
      ours: '',
      peer: ms(median(peer.openLongSpans)),
      ratio: '',
      target: '',
      pass: null,
    },
    {
      label: 'Add one highlight: frames until painted',
      ours: `${Math.max(...ours.addFrames)} (${ms(median(ours.addPainted))})`,
      peer: '',
      ratio: '',
      target: '≤ 2 frames',
      pass: Math.max(...ours.addFrames) <= 2,
    },
    {
      label: 'Add one highlight: until acknowledged on disk',
      ours: ms(median(ours.addAck)),
      peer: '',
      ratio: '',
      target: '< 50 ms',
      pass: median(ours.addAck) < 50,
    },
    {
      label: 'Scroll the whole long article: longest frame',
      ours: ms(ourScroll.frame),
      peer: ms(peerScroll.frame),
      ratio: '',
      target: '',
      pass: null,
    },
    {
      label: 'Scroll: frames over 50 ms (longest task)',
      ours: `${ourScroll.over} (${ms(ourScroll.task)})`,
      peer: `${peerScroll.over} (${ms(peerScroll.task)})`,
      ratio: '',
      target: '0',
      pass: ourScroll.over === 0,
    },
    {
      label: `Renderer JS heap, ${big} open`,
      ours: mb(heap),
      peer: mb(peerHeap),
      ratio: `${(heap / peerHeap).toFixed(2)}×`,
      target: '≤ peer',
      pass: heap <= peerHeap,
    },
    {
      label: `Cold start to the library shown (${documents} documents, ${highlights} highlights)`,
      ours: ms(coldStart),
      peer: '',
      ratio: library.coldStartDocument
        ? `timed in the page; its reopened document shown at ${ms(median(library.coldStartDocument))}; ` +
          `driven by Playwright's clicks and waits: ${ms(median(library.coldStartDriven))}`
        : '',
      target: '< 1,000 ms',
      pass: coldStart < 1000,
    },
    {
      label: 'Library scale: open one document, until painted',
      ours: ms(median(library.openDocument)),
      peer: '',
      ratio: '',
      target: '',
      pass: null,
    },
    {
      label: 'Library scale: highlight save, until acknowledged',
      ours: ms(saveAck),
      peer: '',
      ratio: '',
      target: '< 50 ms',
      pass: saveAck < 50,
    },
    {
      label: 'Library scale: longest event-loop block by a save',
      ours: ms(blocked),
      peer: '',
      ratio: '',
      target: '< 20 ms',
      pass: blocked < 20,
    },
    {
      label: 'Library scale: backend resident memory',
      ours: mb(backend.rssMb),
      peer: '',
      ratio: '',
      target: '',
      pass: null,
    },
    {
      label: `Export annotations.csv (${highlights} highlights, ${mb(median(backend.exports.map((e) => e.bytes)) / 2 ** 20)})`,
      ours: ms(exportMs),
      peer: '',
      ratio: `${(exportMs / floorMs).toFixed(1)}× floor (${ms(floorMs)})`,
      target: '< 1,000 ms and ≤ 3× floor',
      pass: exportMs < 1000 && exportMs <= 3 * floorMs,
    },
    {
      label: `Agreement, 2 coders × ${n(backend.agreement.highlightsPerCoder)} highlights over ${n(backend.agreement.documents)} documents`,
      ours: ms(backend.agreement.ms),
      peer: '',
      ratio: `naive: ${ms(backend.agreement.naiveEstimateMs)} (timed on ${n(backend.agreement.naiveSampleDocuments)} documents, scaled)`,
      target: '< 2,000 ms',
      pass: backend.agreement.ms < 2000,
    },
    {
      label: 'Agreement: longest event-loop block meanwhile',
      ours: ms(backend.agreement.blockedMs),
      peer: '',
      ratio: '',
      target: '< 50 ms',
      pass: backend.agreement.blockedMs < 50,
    },
    {
      label: `REFI-QDA project (.qdpx, ${n(backend.refi.highlights)} highlights, ${mb(backend.refi.bytes / 2 ** 20)}): export`,
      ours: ms(backend.refi.exportMs),
      peer: '',
      ratio: '',
      target: '< 5,000 ms',
      pass: backend.refi.exportMs < 5000,
    },
    {
      label: `REFI-QDA project: import into an empty library (median of ${backend.refi.runs ?? 1})`,
      ours: ms(backend.refi.importMs),
      peer: '',
      ratio: '',
      target: '< 10,000 ms',
      pass: backend.refi.importMs < 10000,
    },
    {
      label: `A REFI-QDA codebook of ${n(backend.longLists.codes)} codes imported into a library of as many tags (half of them by name)`,
      ours: ms(backend.longLists.codebookMs),
      peer: '',
      ratio: '',
      target: '< 2,000 ms',
      pass: backend.longLists.codebookMs < 2000,
    },
    {
      label: `A backup naming ${n(backend.longLists.entities)} holders and targets merged into a library of as many (half of them by name)`,
      ours: ms(backend.longLists.entitiesMs),
      peer: '',
      ratio: '',
      target: '< 2,000 ms',
      pass: backend.longLists.entitiesMs < 2000,
    },
    {
      label: `Replace text: ${n(backend.reanchoring.highlights)} highlights re-anchored onto an edited ${mb(backend.reanchoring.characters / 2 ** 20)} article`,
      ours: ms(backend.reanchoring.reanchorMs),
      peer: '',
      ratio: `whole step through the backend (changes and write): ${ms(backend.reanchoring.replaceMs)}; ${Object.entries(
        backend.reanchoring.outcomes,
      )
        .map(([outcome, count]) => `${n(count)} ${outcome}`)
        .join(', ')}`,
      target: '< 1,000 ms',
      pass: backend.reanchoring.reanchorMs < 1000,
    },
    {
      label: `The same ${n(backend.reanchoring.webAnnotations.annotations)} highlights as web annotations, imported onto the edited article`,
      ours: ms(backend.reanchoring.webAnnotations.importMs),
      peer: '',
      ratio: Object.entries(backend.reanchoring.webAnnotations.anchoring)
        .map(([kind, count]) => `${n(count)} ${kind}`)
        .join(', '),
      target: '< 2,000 ms',
      pass: backend.reanchoring.webAnnotations.importMs < 2000,
    },
    ...analysisRows(raw, documents),
    {
      label: 'Export: the same bytes written from a ready buffer (no text to encode)',
      ours: ms(median(backend.exports.map((e) => e.bufferWriteMs))),
      peer: '',
      ratio: '',
      target: '',
      pass: null,
    },
  ];
}

/** The analysis views: the browser's times (filter change until painted) and the backend's, with their targets. */
function analysisRows(raw, documents) {
  const { analysis } = raw;
  const backend = raw.backend.analysis;
  const stanceMapMs = median(analysis.stanceMap);
  const segmentsMs = median(analysis.segments);
  const scrollOver = Math.max(...analysis.segmentsScroll.map((s) => s.framesOver50));
  const scrollFrame = Math.max(...analysis.segmentsScroll.map((s) => s.longestFrameMs));
  const searchMs = median(analysis.search);
  return [
    {
      label: `Stance map over ${n(backend.highlights)} highlights: a filter changed, until the map is painted`,
      ours: ms(stanceMapMs),
      peer: '',
      ratio: `backend: ${ms(backend.stanceMapMs)}`,
      target: '< 150 ms',
      pass: stanceMapMs < 150,
    },
    {
      label: `Stance map over ${n(backend.tenfoldHighlights)} highlights (each ten times): computed`,
      ours: ms(backend.tenfoldStanceMapMs),
      peer: '',
      ratio: `with the paint measured above: ${ms(backend.tenfoldStanceMapMs + stanceMapMs - backend.stanceMapMs)}`,
      target: '< 1,000 ms until painted',
      pass: backend.tenfoldStanceMapMs + stanceMapMs - backend.stanceMapMs < 1000,
    },
    {
      label: `Coded segments of one outlet (a sixth of ${n(backend.highlights)}): a filter changed, until the first screen is painted`,
      ours: ms(segmentsMs),
      peer: '',
      ratio: '',
      target: '< 100 ms',
      pass: segmentsMs < 100,
    },
    {
      label: 'Coded segments: scroll the list, frames over 50 ms (longest frame)',
      ours: `${scrollOver} (${ms(scrollFrame)})`,
      peer: '',
      ratio: '',
      target: '0',
      pass: scrollOver === 0,
    },
    {
      label: `Search ${documents} documents ("kyiv": ${n(backend.searchMatches)} matches): results and counts painted`,
      ours: ms(searchMs),
      peer: '',
      ratio: `backend: ${ms(backend.searchMs)}; a plain indexOf scan of every text: ${ms(backend.indexOfFloorMs)}`,
      target: '< 100 ms (first results), < 300 ms (counts)',
      pass: searchMs < 100,
    },
    {
      label: `Code all ${n(backend.coded)} matches: one step to undo, until acknowledged on disk`,
      ours: ms(backend.codeAllMs),
      peer: '',
      ratio: '',
      target: '< 1,000 ms',
      pass: backend.codeAllMs < 1000,
    },
  ];
}

/**
 * The rows of the backup step (backup-bench.mjs): an import and each export through the command line, with its peak
 * memory. The targets hold at the scale step (1,000,000 highlights); smaller runs show the figures alone.
 */
export function backupRows(backups) {
  if (!backups) return [];
  const atScale = backups.highlights >= 1_000_000;
  const size = `${n(backups.documents)} documents, ${n(backups.highlights)} highlights`;
  const rows = [
    {
      label: `Import a backup (${size}, ${mb(backups.backupBytes / 2 ** 20)}) into an empty library: stance-annotator import`,
      ours: ms(backups.import.ms),
      peer: '',
      ratio: `peak memory ${mb(backups.import.peakMb)}`,
      target: atScale ? '< 60,000 ms, peak < 1,024 MB' : '',
      pass: atScale ? backups.import.ms < 60_000 && backups.import.peakMb < 1024 : null,
    },
  ];
  for (const e of backups.exports) {
    const ratio = e.ms / e.floorMs;
    // Beside the write floor, the read floor: what reading the library's files costs one thread (read-floor.mjs).
    const read = backups.readFloorMs === undefined ? '' : `, ${(e.ms / backups.readFloorMs).toFixed(1)}× read floor`;
    rows.push({
      label: `Export ${e.name} (${size}, ${mb(e.bytes / 2 ** 20)}): stance-annotator export`,
      ours: ms(e.ms),
      peer: '',
      ratio: `${ratio.toFixed(1)}× floor (${ms(e.floorMs)})${read}; peak memory ${mb(e.peakMb)}`,
      target: atScale ? '≤ 3× floor, peak < 500 MB' : '',
      pass: atScale ? ratio <= 3 && e.peakMb < 500 : null,
    });
  }
  if (backups.readFloorMs !== undefined) {
    rows.push({
      label: `Read floor: every document file of the library read and parsed as JSON on one thread (${size})`,
      ours: ms(backups.readFloorMs),
      peer: '',
      ratio: 'nothing checked, replayed or formatted',
      target: '',
      pass: null,
    });
  }
  return [...rows, ...storageRows(backups.backend, atScale, size), ...coldStartRows(backups.coldStarts, atScale, size)];
}

/** The imported library in the backend (backend-bench.ts --storage): the storage issue's targets at its scale step. */
function storageRows(backend, atScale, size) {
  if (!backend) return [];
  const target = (text) => (atScale ? text : '');
  const met = (ok) => (atScale ? ok : null);
  const ack = median(backend.saves.map((s) => s.ackMs));
  const blocked = Math.max(...backend.saves.map((s) => s.blockedMs));
  const exportMs = median(backend.exports.map((e) => e.buildAndWriteMs));
  const floorMs = median(backend.exports.map((e) => e.floorMs));
  return [
    {
      label: `The same library opened by the backend (${size}): its library file read, the first screen answerable`,
      ours: ms(backend.libraryFileReadMs),
      peer: '',
      ratio: `every document read: ${ms(backend.documentsReadMs)}`,
      target: target('< 1,000 ms to the library shown (with the page: below)'),
      pass: null,
    },
    {
      label: 'The same library: backend resident memory, every document read',
      ours: mb(backend.rssMb),
      peer: '',
      ratio: [
        backend.rssIdleMb === undefined ? '' : `${mb(backend.rssIdleMb)} after ${backend.idleSeconds} s idle`,
        backend.rssAfterBulkMb === undefined
          ? ''
          : `${mb(backend.rssAfterBulkMb)} after the step below and its undo (heap: ${mb(backend.heapAfterBulkMb)})`,
      ]
        .filter(Boolean)
        .join('; '),
      target: target('< 400 MB'),
      pass: met(backend.rssMb < 400),
    },
    {
      label: 'The same library: a highlight save, until acknowledged (longest event-loop block by it)',
      ours: ms(ack),
      peer: '',
      ratio: `${ms(blocked)} block; ${ms(backend.countsBlockedMs)} when the counts follow`,
      target: target('< 50 ms, no block > 20 ms'),
      pass: met(ack < 50 && blocked < 20 && backend.countsBlockedMs < 20),
    },
    {
      label: `The same library: its most used tag deleted (taken off ${n(backend.bulk.highlights)} highlights across its documents), until acknowledged`,
      ours: ms(backend.bulk.deleteMs),
      peer: '',
      ratio:
        `${ms(backend.bulk.deleteBlockedMs)} longest block, ${ms(backend.bulk.deleteWriteBlockedMs)} once written; ` +
        `undone: ${ms(backend.bulk.undoMs)} (${ms(backend.bulk.undoBlockedMs)} block, ` +
        `${ms(backend.bulk.undoWriteBlockedMs)} once written)`,
      target: '',
      pass: null,
    },
    {
      label: `The same library: export annotations.csv in the app (${mb(backend.exports[0].bytes / 2 ** 20)})`,
      ours: ms(exportMs),
      peer: '',
      ratio: `${(exportMs / floorMs).toFixed(1)}× floor (${ms(floorMs)})`,
      target: target('≤ 3× floor'),
      pass: met(exportMs / floorMs <= 3),
    },
  ];
}

export function formatTable(raw, rows) {
  const header = ['Measure', 'Stance Annotator', 'Peer', 'Ratio', 'Target', 'Met'];
  const cells = rows.map((r) => [
    r.label,
    r.ours,
    r.peer,
    r.ratio,
    r.target,
    r.pass === null ? '' : r.pass ? 'yes' : 'NO',
  ]);
  const lines = [header, header.map(() => '---'), ...cells].map((row) => `| ${row.join(' | ')} |`);
  const title = `Stance Annotator bench, ${raw.date.slice(0, 10)}, ${raw.machine}; median of ${raw.runs} run(s)${raw.smoke ? ' (smoke: small inputs)' : ''}. Peer: @recogito/text-annotator 4.1.1 (CSS_HIGHLIGHTS renderer unless noted).`;
  return `${title}\n\n${lines.join('\n')}\n`;
}

/** The app's cold start on the library the step imported (cold-start.mjs), timed in the page. */
function coldStartRows(coldStarts, atScale, size) {
  if (!coldStarts) return [];
  const coldStart = median(coldStarts.coldStart);
  return [
    {
      label: `The same library: cold start to the library shown (${size})`,
      ours: ms(coldStart),
      peer: '',
      ratio: `timed in the page, median of ${coldStarts.coldStart.length}; its reopened document shown at ${ms(median(coldStarts.coldStartDocument))}`,
      target: atScale ? '< 1,000 ms' : '',
      pass: atScale ? coldStart < 1000 : null,
    },
  ];
}
