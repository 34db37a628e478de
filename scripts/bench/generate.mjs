// The bench's inputs, made from a fixed seed so every run measures the same documents and highlights: articles of
// plain paragraphs and highlights of 20–300 characters (most short, as real claims are), about one in ten overlapping
// the one before, spread over five tags; most with a stance (40 holders, 25 targets), the documents from six outlets
// over the days of 2025.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

const VOCABULARY = (
  'the a of to and in that on for with as by at from said would not be is was were has have will could should ' +
  'NATO Russia Ukraine ceasefire peacekeepers mission observers treaty security guarantees Britain France Germany ' +
  'deploy force monitor minister spokesman talks agreement border sanctions negotiations parliament government ' +
  'president official statement according reported claimed warned rejected proposed insisted denied confirmed'
).split(' ');

/** A small deterministic generator (mulberry32): the same seed, the same library, on any machine. */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function articleText(random, chars) {
  const paragraphs = [];
  let length = 0;
  while (length < chars) {
    const sentences = [];
    for (let s = 0, n = 3 + Math.floor(random() * 4); s < n; s++) {
      const words = Array.from(
        { length: 8 + Math.floor(random() * 18) },
        () => VOCABULARY[Math.floor(random() * VOCABULARY.length)],
      );
      const sentence = words.join(' ');
      sentences.push(sentence[0].toUpperCase() + sentence.slice(1) + '.');
    }
    const paragraph = sentences.join(' ');
    paragraphs.push(paragraph);
    length += paragraph.length + 1;
  }
  return paragraphs.join('\n').slice(0, chars).trimEnd() + '.';
}

/** Highlight spans over `text`: lengths 20–300 (mostly short), about 10% overlapping the previous one. */
function spans(random, text, count) {
  const result = [];
  let cursor = 0;
  for (let i = 0; i < count; i++) {
    const length = 20 + Math.floor(280 * random() ** 3); // 20–300, averaging about 90
    const previous = result.at(-1);
    let start;
    if (previous && random() < 0.07) {
      start = previous.start + Math.floor((previous.end - previous.start) * random());
    } else {
      // Spread what is left evenly: the gap averages the room left per highlight beyond an average one.
      const room = (text.length - cursor) / (count - i) - 90;
      start = cursor + Math.floor(random() * Math.max(0, 2 * room));
      cursor = start + length;
    }
    start = Math.max(0, Math.min(start, text.length - length));
    result.push({ start, end: start + length });
  }
  return result;
}

const iso = '2026-11-01T09:00:00.000Z';

/** Puts the marker word before the first `count` full stops: a word with exactly as many matches as asked. */
function withMarker(text, count) {
  let seen = 0;
  return text.replace(/\./g, (stop) => (seen++ < count ? ` in ${MARKER_WORD}.` : stop));
}

function makeDocument(random, spec, tags, analysis) {
  const { title, chars, highlights: highlightCount, markers = 0 } = spec;
  const text = withMarker(articleText(random, chars), markers);
  const document = {
    id: randomUUIDFrom(random),
    title,
    text,
    source: { kind: 'paste' },
    meta: {
      outlet: OUTLETS[Math.floor(analysis() * OUTLETS.length)],
      author: 'Generated',
      // A day of 2025, so that the analysis views have weeks and months to count.
      publishedAt: new Date(Date.UTC(2025, 0, 1 + Math.floor(analysis() * 365))).toISOString().slice(0, 10),
    },
    sha256: createHash('sha256').update(text).digest('hex'),
    addedAt: iso,
  };
  const highlights = spans(random, text, highlightCount).map(({ start, end }, i) => ({
    id: randomUUIDFrom(random),
    documentId: document.id,
    start,
    end,
    quote: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - 32), start),
    suffix: text.slice(end, end + 32),
    tagIds: [tags[i % tags.length].id],
    stances: stancesFor(analysis),
    note: i % 7 === 0 ? 'Checked against the wire copy.' : '',
    annotator: 'bench',
    createdAt: iso,
    updatedAt: iso,
  }));
  return { document, highlights };
}

/**
 * Most claims carry a stance, some two, some none: a holder (now and then unknown) toward a target, the holders and
 * targets drawn unevenly (a few named often, many rarely) as in real coding.
 */
function stancesFor(analysis) {
  const count = [0, 1, 1, 1, 1, 1, 1, 2][Math.floor(analysis() * 8)];
  return Array.from({ length: count }, () => ({
    holderId: analysis() < 0.05 ? null : `holder-${Math.floor(HOLDERS * analysis() ** 2)}`,
    targetId: `target-${Math.floor(TARGETS * analysis() ** 2)}`,
    stance: STANCES[Math.floor(analysis() * STANCES.length)],
  }));
}

/** A UUID drawn from the seeded generator (crypto's would differ every run). */
function randomUUIDFrom(random) {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const COLORS = ['#f2c94c', '#eb5757', '#6fcf97', '#56ccf2', '#bb6bd9'];
const OUTLETS = ['Bench Wire', 'Daily Ledger', 'Kyiv Observer', 'Morning Post', 'Baltic Times', 'Evening Star'];
const STANCES = ['favor', 'against', 'neutral', 'unclear'];
const HOLDERS = 40;
const TARGETS = 25;
/** The word `markers` puts into a text: with a diacritic, so that searching "kyiv" also tests the folding. */
export const MARKER_WORD = 'Kyïv';

/** The bench's five tags, their ids drawn from `random` (the first draws of a library). */
function benchTags(random) {
  return COLORS.map((color, i) => ({
    id: randomUUIDFrom(random),
    name: ['Claim', 'Evidence', 'Quote', 'Proposal', 'Condition'][i],
    color,
    description: '',
    parentId: null,
  }));
}

/**
 * Writes a library into `dataDir` as one file in the app's single-file format (what an earlier version and a project
 * backup hold); the app converts it to its document files on its first start, as it would a real user's library.
 */
export async function writeLibrary(dataDir, { seed, documents }) {
  const random = seededRandom(seed);
  const tags = benchTags(random);
  // Outlets, dates and stances come from a generator of their own, so that the texts and spans stay as they were.
  const analysis = seededRandom(seed + 1);
  const made = documents.map((spec) => makeDocument(random, spec, tags, analysis));
  const library = {
    schemaVersion: 4,
    documents: made.map((m) => m.document),
    tags,
    actors: Array.from({ length: HOLDERS }, (_, i) => ({ id: `holder-${i}`, name: `Holder ${i + 1}` })),
    targets: Array.from({ length: TARGETS }, (_, i) => ({ id: `target-${i}`, name: `Target ${i + 1}` })),
    highlights: made.flatMap((m) => m.highlights),
    settings: { annotator: 'bench', lastDocumentId: made[0].document.id, snapToWords: true, readingPositions: {} },
  };
  await mkdir(dataDir, { recursive: true });
  await writeFile(path.join(dataDir, 'stance-annotator.json'), JSON.stringify(library));
  return library;
}

/**
 * Writes a project backup of the same kind of library into `file`, as this version's backup (schema 8), a document at
 * a time: at the scale step (20,000 documents, 1,000,000 highlights, some 500 MB) it is never one string. Its records
 * are compact JSON, one per line, as any writer could make them (the app's own export indents them).
 */
export async function writeBackup(file, { seed, documents }) {
  const random = seededRandom(seed);
  const tags = benchTags(random);
  const analysis = seededRandom(seed + 1);
  const out = createWriteStream(file);
  const write = (text) => new Promise((resolve) => (out.write(text) ? resolve() : out.once('drain', resolve)));
  await write(`{"format":"stance-annotator-backup","schemaVersion":8,"documents":[\n`);
  // The highlights wait, as JSON, until every document is written: a backup lists them after the documents.
  const highlights = [];
  let first = null;
  for (let i = 0; i < documents.length; i++) {
    const made = makeDocument(random, documents[i], tags, analysis);
    first ??= made.document.id;
    await write(`${i === 0 ? '' : ',\n'}${JSON.stringify({ ...made.document, memo: '', variables: {} })}`);
    highlights.push(made.highlights.map((h) => JSON.stringify(h)).join(',\n'));
  }
  const entities = [
    ...Array.from({ length: HOLDERS }, (_, i) => ({ id: `holder-${i}`, name: `Holder ${i + 1}` })),
    ...Array.from({ length: TARGETS }, (_, i) => ({ id: `target-${i}`, name: `Target ${i + 1}` })),
  ];
  await write(
    `\n],"tags":${JSON.stringify(tags)},"entities":${JSON.stringify(entities)},"variables":[],"highlights":[\n`,
  );
  let written = 0;
  for (let i = 0; i < highlights.length; i++) {
    if (highlights[i] !== '') await write(`${written++ === 0 ? '' : ',\n'}${highlights[i]}`);
    highlights[i] = '';
  }
  const settings = { annotator: 'bench', lastDocumentId: first, snapToWords: true, readingPositions: {} };
  await write(`\n],"settings":${JSON.stringify(settings)}}\n`);
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
}
