import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import JSZip from 'jszip';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callOk, openSampleBackend, threadBusyShare, useTempDirs } from '../test-support';

const tempDir = useTempDirs();
const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');

async function importBytes(name: string, bytes: Uint8Array | string) {
  const { backend, store } = await openSampleBackend(await tempDir());
  const result = await backend('importFile', { fileName: name, data: b64(bytes) });
  return { result, store, backend };
}

async function importedText(name: string, bytes: Uint8Array | string): Promise<string> {
  const { result, store } = await importBytes(name, bytes);
  if (!result.ok) throw new Error(result.error.message);
  return store.data.documents.at(-1)!.text;
}

describe('importing text files', () => {
  it('decodes UTF-8 with or without BOM and UTF-16 with BOM; normalises line endings and NFC once', async () => {
    const text = 'Первая строка.\r\nCafe\u0301 — 😀\rlast';
    const expected = 'Первая строка.\nCafé — 😀\nlast';
    expect(await importedText('a.txt', Buffer.from(text, 'utf8'))).toBe(expected);
    expect(
      await importedText('b.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])),
    ).toBe(expected);
    expect(await importedText('c.md', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toBe(
      expected,
    );
    const be = Buffer.from(text, 'utf16le').swap16();
    expect(await importedText('d.txt', Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toBe(expected);
  });

  it('refuses a binary file with a text extension, and kinds it does not know, saying why', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    expect((await importBytes('photo.txt', png)).result).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('binary file') },
    });
    expect((await importBytes('nul.txt', 'text\u0000with NUL')).result).toMatchObject({ ok: false });
    expect((await importBytes('tool.exe', 'MZ')).result).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('".exe" files are not supported') },
    });
    expect((await importBytes('fake.docx', 'not a zip')).result).toMatchObject({ ok: false });
    expect((await importBytes('fake.pdf', 'not a pdf')).result).toMatchObject({ ok: false });
    expect((await importBytes('empty.txt', '   \n ')).result).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('no text') },
    });
  });

  it('reports the same text imported twice as a duplicate, and refuses text over the size limit', async () => {
    const { backend, store } = await openSampleBackend(await tempDir());
    const first = await callOk(backend, 'importFile', { fileName: 'a.txt', data: b64('Same text.\r\n') });
    const again = await callOk(backend, 'importText', { title: 'Pasted', text: 'Same text.\n' });
    expect(first.status).toBe('imported');
    expect(again).toMatchObject({ status: 'duplicate', document: { id: first.document.id } });
    expect(store.data.documents).toHaveLength(2);
    const huge = await backend('importFile', { fileName: 'huge.txt', data: b64('x'.repeat(5_000_001)) });
    expect(huge).toMatchObject({ ok: false, error: { message: expect.stringContaining('the limit is 5,000,000') } });
  });
});

describe('titles and dates at import', () => {
  it('takes a text file’s headline as its title, not repeating it as the first paragraph', async () => {
    const { backend } = await openSampleBackend(await tempDir());
    const txt = await callOk(backend, 'importFile', {
      fileName: 'grushko.txt',
      data: b64('Russia rejects NATO peacekeepers\n\nRussia has rejected the possibility.\nMore.'),
    });
    expect(txt.document).toMatchObject({ title: 'Russia rejects NATO peacekeepers', charCount: 42 });
    const md = await callOk(backend, 'importFile', { fileName: 'notes.md', data: b64('# Talks stall\nNo progress.') });
    expect(md.document.title).toBe('Talks stall');
    const sentence = await callOk(backend, 'importFile', {
      fileName: 'plain.txt',
      data: b64('The first line is a sentence.\nAnd a second.'),
    });
    expect(sentence.document.title).toBe('plain');
  });

  it('takes a page’s date from <time datetime> when its metadata has none, as ISO 8601', async () => {
    const { backend } = await openSampleBackend(await tempDir());
    const page = (time: string) =>
      `<html><head><title>Talks</title></head><body><article><h1>Talks</h1><p>${'A paragraph of the article. '.repeat(
        20,
      )}</p><p>Published <time datetime="${time}">today</time>.</p></article></body></html>`;
    const dated = await callOk(backend, 'importFile', { fileName: 'a.html', data: b64(page('2025-05-14 09:30')) });
    expect(dated.document.meta.publishedAt).toBe('2025-05-14T09:30');
    const undated = await callOk(backend, 'importFile', {
      fileName: 'b.html',
      data: b64(page('sometime').replace('article.', 'story.')),
      // The same title with another text would ask whether it is a new version of the first.
      sameTitle: 'add',
    });
    expect(undated.document.meta.publishedAt).toBeUndefined();
  });
});

/** A .docx of these paragraphs (a style id each, or none), and core properties when given. */
async function wordDocument(
  paragraphs: Array<[text: string, style?: string]>,
  core?: { title?: string; creator?: string; created?: string },
): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file(
    'word/_rels/document.xml.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
  );
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  const style = (id: string, name: string) =>
    `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/></w:style>`;
  zip.file(
    'word/styles.xml',
    `<?xml version="1.0" encoding="UTF-8"?><w:styles ${W}>${style('Title', 'Title')}${style('Heading1', 'heading 1')}</w:styles>`,
  );
  const paragraph = ([text, styleId]: [string, string?]) =>
    `<w:p>${styleId ? `<w:pPr><w:pStyle w:val="${styleId}"/></w:pPr>` : ''}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${paragraphs.map(paragraph).join('')}</w:body></w:document>`,
  );
  if (core) {
    const element = (name: string, value?: string, attributes = '') =>
      value ? `<${name}${attributes}>${value}</${name}>` : '';
    zip.file(
      'docProps/core.xml',
      `<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${element('dc:title', core.title)}${element('dc:creator', core.creator)}${element('dcterms:created', core.created, ' xsi:type="dcterms:W3CDTF"')}</cp:coreProperties>`,
    );
  }
  return zip.generateAsync({ type: 'uint8array' });
}

describe('importing Word and PDF files', () => {
  it('takes a .docx’s title, author and date from its core properties, and leaves its title paragraph out', async () => {
    const { backend } = await openSampleBackend(await tempDir());
    const withProperties = await wordDocument([['Talks &amp; truce', 'Title'], ['First paragraph.'], ['Second.']], {
      title: 'Talks and truce (file title)',
      creator: 'A. Reporter',
      created: '2025-05-14T08:00:00Z',
    });
    const imported = await callOk(backend, 'importFile', { fileName: 'report.docx', data: b64(withProperties) });
    expect(imported.document).toMatchObject({
      title: 'Talks and truce (file title)',
      meta: { author: 'A. Reporter', publishedAt: '2025-05-14T08:00:00Z' },
    });
    const opened = await callOk(backend, 'getDocument', { documentId: imported.document.id });
    expect(opened.document.text).toBe('First paragraph.\nSecond.');

    const headingOnly = await wordDocument([['Ceasefire holds', 'Heading1'], ['Body text.']]);
    const second = await callOk(backend, 'importFile', { fileName: 'untitled.docx', data: b64(headingOnly) });
    expect(second.document).toMatchObject({ title: 'Ceasefire holds', meta: {} });
  });

  it('reads the paragraphs of a .docx', async () => {
    const zip = new JSZip();
    zip.file(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    );
    zip.file(
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    );
    const paragraph = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
    zip.file(
      'word/document.xml',
      `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraph('Russia rejects NATO peacekeepers.')}${paragraph('Грушко: «нет».')}</w:body></w:document>`,
    );
    const bytes = await zip.generateAsync({ type: 'uint8array' });
    expect(await importedText('report.docx', bytes)).toBe('Russia rejects NATO peacekeepers.\nГрушко: «нет».');
  });

  it('refuses a .docx that expands beyond the limit (a ZIP bomb), by its declared sizes or as it inflates', async () => {
    const zip = new JSZip();
    zip.file('word/document.xml', 'a'.repeat(2_000_000), { compression: 'DEFLATE' });
    const bytes = Buffer.from(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
    /** The archive with the uncompressed size its directory declares for word/document.xml set to `size`. */
    const declaring = (size: number): Buffer => {
      const copy = Buffer.from(bytes);
      // Its entry in the central directory, which follows the data (the name's 46 bytes after the entry's start).
      const entry = copy.lastIndexOf(Buffer.from('word/document.xml')) - 46;
      copy.writeUInt32LE(size, entry + 24);
      return copy;
    };
    for (const bomb of [declaring(0x7ffffff0), declaring(1_000)]) {
      const { result, store } = await importBytes('bomb.docx', bomb);
      expect(result).toEqual({
        ok: false,
        error: {
          code: 'invalid-request',
          message: 'bomb.docx expands beyond 256 MB when unpacked: it was not imported.',
        },
      });
      expect(store.data.documents).toHaveLength(1);
    }
  });

  it('reads every page of a .pdf, mending words hyphenated across lines', async () => {
    const pdf = await PDFDocument.create();
    pdf.setTitle('A PDF article');
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    const page1 = pdf.addPage([400, 300]);
    page1.drawText('NATO and peace-', { x: 20, y: 250, size: 12, font });
    page1.drawText('keeping do not go hand in hand.', { x: 20, y: 230, size: 12, font });
    const page2 = pdf.addPage([400, 300]);
    page2.drawText('Second page, Anglo-', { x: 20, y: 250, size: 12, font });
    page2.drawText('American view.', { x: 20, y: 230, size: 12, font });
    const { result, store } = await importBytes('article.pdf', await pdf.save());
    expect(result.ok ? 'ok' : result.error.message).toBe('ok');
    const document = store.data.documents.at(-1)!;
    expect(document.title).toBe('A PDF article');
    expect(document.text).toContain('NATO and peacekeeping do not go hand in hand.');
    expect(document.text).toContain('Second page, Anglo-\nAmerican view.');
  });
});

describe('importing web pages', () => {
  let server: Server;
  let requests: string[];
  let origin: string;

  beforeAll(async () => {
    requests = [];
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const article = (body: string, head = '') =>
    `<!doctype html><html><head><title>Grushko rejects NATO peacekeepers</title>${head}
     <meta property="og:site_name" content="Example News"><meta property="article:published_time" content="2025-03-16T10:00:00Z">
     </head><body><nav>Home | World</nav><article><h1>Grushko rejects NATO peacekeepers</h1><p class="byline">By Jane Doe</p>
     <p>Russia has rejected the possibility of sending NATO peacekeepers to Ukraine and instead offered an unarmed observer mission.</p>
     ${body}
     <p>"NATO and peacekeeping do not go hand in hand. The real history of the alliance is one of military campaigns," he said.</p>
     <p>Britain and France have both indicated readiness to deploy a peacekeeping force to oversee any ceasefire deal.</p>
     </article><footer>© Example</footer></body></html>`;

  it('takes the article text and its metadata, leaving navigation and footers out', async () => {
    const { store } = await importBytes('page.html', article(''));
    const document = store.data.documents.at(-1)!;
    expect(document.title).toBe('Grushko rejects NATO peacekeepers');
    expect(document.meta).toMatchObject({ outlet: 'Example News', publishedAt: '2025-03-16T10:00:00Z' });
    expect(document.text).toContain('NATO and peacekeeping do not go hand in hand.');
    expect(document.text).not.toContain('Home | World');
    expect(document.text.split('\n').length).toBeGreaterThanOrEqual(3);
  });

  it('runs nothing and requests nothing from 20 hostile pages', async () => {
    const beacon = (name: string) => `${origin}/${name}`;
    const hostile = [
      `<script>fetch('${beacon('script')}')</script>`,
      `<img src="${beacon('img')}" onerror="fetch('${beacon('onerror')}')">`,
      `<body onload="fetch('${beacon('onload')}')"><p>x</p></body>`,
      `<a href="javascript:fetch('${beacon('js-url')}')">click</a>`,
      `<iframe src="${beacon('iframe')}"></iframe>`,
      `<iframe srcdoc="<script>fetch('${beacon('srcdoc')}')</script>"></iframe>`,
      `<meta http-equiv="refresh" content="0;url=${beacon('refresh')}">`,
      `<base href="${beacon('base/')}"><img src="relative.png">`,
      `<svg><script>fetch('${beacon('svg-script')}')</script></svg>`,
      `<svg onload="fetch('${beacon('svg-onload')}')"></svg>`,
      `<link rel="stylesheet" href="${beacon('css')}">`,
      `<style>@import url('${beacon('css-import')}'); body{background:url('${beacon('css-bg')}')}</style>`,
      `<object data="${beacon('object')}"></object>`,
      `<embed src="${beacon('embed')}">`,
      `<video src="${beacon('video')}" poster="${beacon('poster')}"></video>`,
      `<form id="attributes"><input name="attributes"></form><img id="getElementById" name="createElement">`,
      `<img src="data:image/svg+xml,<svg onload=fetch('${beacon('data-svg')}')>">`,
      `<details open ontoggle="fetch('${beacon('ontoggle')}')"><summary>s</summary></details>`,
      `<script type="module">import('${beacon('module')}')</script>`,
      `<link rel="prefetch" href="${beacon('prefetch')}"><link rel="preload" as="script" href="${beacon('preload')}">`,
    ];
    expect(hostile).toHaveLength(20);
    const { backend, store } = await openSampleBackend(await tempDir());
    for (const [i, payload] of hostile.entries()) {
      const page = article(`<p>Hostile part ${i}: ${payload}</p>`, i % 2 ? payload : '');
      const result = await backend('importFile', { fileName: `hostile-${i}.html`, data: b64(page) });
      expect(result.ok, `page ${i}`).toBe(true);
    }
    await new Promise((resolve) => setTimeout(resolve, 300)); // anything asynchronous would have fired by now
    expect(requests).toEqual([]);
    // What reaches the article view is text alone: no markup survives extraction.
    for (const document of store.data.documents.slice(1)) expect(document.text).not.toMatch(/<script|<img|onerror=/i);
  }, 60_000);

  it('finishes or fails cleanly within seconds on pathological pages, never blocking the backend', async () => {
    const { backend } = await openSampleBackend(await tempDir());
    const pages = {
      'deep.html': `<html><body>${'<div>'.repeat(50_000)}deep text${'</div>'.repeat(50_000)}</body></html>`,
      'huge.html': `<html><body><article>${'<p>Words of an article, again and again.</p>'.repeat(120_000)}</article></body></html>`,
    };
    for (const [name, html] of Object.entries(pages)) {
      const busy = threadBusyShare();
      const started = Date.now();
      const result = await backend('importFile', { fileName: name, data: b64(html) });
      // Past the 5 s limit the worker is stopped: the import ends well before an inline extraction would (48 s here).
      expect(Date.now() - started, name).toBeLessThan(15_000);
      // The page is extracted in a worker, so the backend's own thread stays nearly idle (some 1 % here; 100 % when
      // the extraction ran on it).
      expect(busy(), name).toBeLessThan(0.5);
      if (!result.ok) expect(result.error.message, name).toMatch(new RegExp(`^${name}: `));
    }
  }, 60_000);
});
