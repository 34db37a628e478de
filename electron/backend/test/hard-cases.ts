import { CURRENT_SCHEMA_VERSION, type Database, type Highlight, type Variable } from '../../../shared/domain';
import { quoteWithContext } from '../../../shared/text-context';
import { makeDocument } from '../make-document';

/**
 * A library full of what breaks CSV writers and offset conversions: quotes, commas, CR/LF inside notes, Cyrillic,
 * Arabic with RTL marks, emoji (surrogate pairs, skin tones, flags), combining accents, NUL, a very long note, and
 * values that start like spreadsheet formulas.
 */
export function hardCaseLibrary(): Database {
  const now = new Date('2026-03-04T05:06:07.000Z');
  const texts = [
    'Он сказал: "НАТО и миротворчество несовместимы", — заявил Грушко.\nВторой абзац, с запятыми, и "кавычками".',
    'قال المتحدث \u200fإن\u200f المهمة "مستحيلة"، وأضاف: لا.\nEmoji 😀 then 👍🏽 and 🇺🇦 flags; café and q\u0307uery (a combining dot NFC keeps).',
    '=SUM(A1:A9) starts this text\r\nand -1 +1 @cmd lines, a tab\there, NUL\u0000inside, full-width ＝＋－＠.',
  ];
  const variables: Variable[] = [
    { id: 'v-country', name: 'Country, "region"', type: 'category', values: ['=AT', 'Україна'] },
    // Named like a fixed column of documents.csv: written as variable_title.
    { id: 'v-title', name: 'title', type: 'text', values: [] },
    { id: 'v-wave', name: 'Wave', type: 'number', values: [] },
  ];
  const values: Array<Record<string, string | number>> = [
    { 'v-country': '=AT', 'v-title': 'line1\nline2, "quoted"', 'v-wave': 2 },
    { 'v-country': 'Україна', 'v-wave': -1.5 },
    {},
  ];
  const made = texts.map((text, i) =>
    makeDocument(
      {
        title: i === 2 ? '=HYPERLINK("http://evil")' : `Doc ${i}, "quoted"`,
        text,
        source: { kind: 'paste' },
        meta: { outlet: '@outlet', author: '-author' },
      },
      now,
    ),
  );
  const documents = made.map((document, i) => ({ ...document, variables: values[i]! }));
  const tags = [
    { id: 't-claim', name: 'Claim, "main"', color: '#f2c94c', description: 'line1\nline2', parentId: null },
    { id: 't-formula', name: '=cmd', color: '#6fcf97', description: '+desc', parentId: 't-claim' },
  ];
  const entities = [
    { id: 'a-1', name: 'Грушко' },
    { id: 'a-2', name: '@holder' },
    { id: 'g-1', name: 'НАТО, "peacekeepers"' },
    { id: 'g-2', name: '-target' },
  ];
  const highlights: Highlight[] = [];
  const add = (docIndex: number, quote: string, extra: Partial<Highlight> = {}): void => {
    const document = documents[docIndex]!;
    const start = document.text.indexOf(quote);
    if (start < 0) throw new Error(`fixture: ${quote} not in document ${docIndex}`);
    highlights.push({
      id: `h-${highlights.length}`,
      documentId: document.id,
      start,
      end: start + quote.length,
      ...quoteWithContext(document.text, start, start + quote.length),
      tagIds: ['t-claim'],
      stances: [],
      note: '',
      annotator: 'Ана, "A"',
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      ...extra,
    });
  };
  add(0, '"НАТО и миротворчество несовместимы"', {
    stances: [
      { holderId: 'a-1', targetId: 'g-1', stance: 'against' },
      { holderId: null, targetId: 'g-2', stance: 'unclear' },
    ],
    note: 'Multi-line\r\nnote, with "quotes"\nand a comma',
  });
  add(0, 'Второй абзац, с запятыми', { tagIds: ['t-claim', 't-formula'], note: 'x'.repeat(50_000) });
  add(1, 'إن\u200f المهمة "مستحيلة"', { stances: [{ holderId: 'a-2', targetId: 'g-1', stance: 'favor' }] });
  add(1, '😀 then 👍🏽 and 🇺🇦', { note: '=1+1' });
  add(1, 'q\u0307uery', { tagIds: [] });
  add(2, '=SUM(A1:A9)', { note: '\n=still a formula' });
  add(2, 'NUL\u0000inside', { note: '\ttabbed', annotator: '+annotator' });
  add(2, '＝＋－＠', { note: '-', stances: [{ holderId: 'a-2', targetId: 'g-2', stance: 'neutral' }] });
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    documents,
    tags,
    entities,
    variables,
    highlights,
    settings: { annotator: 'Ана', lastDocumentId: documents[0]!.id, snapToWords: true, readingPositions: {} },
  };
}
