import { describe, expect, it } from 'vitest';
import { libraryFiles, openSampleBackend, useTempDirs } from '../test-support';

const tempDir = useTempDirs();

const base64 = (content: string | Buffer) => Buffer.from(content).toString('base64');
/** The first bytes of a zip archive (a .docx is one), enough to be taken for one. */
const zipHead = Buffer.from([0x50, 0x4b, 0x03, 0x04, ...Array.from({ length: 60 }, () => 0)]);

describe('importProject: a file that is none of its kinds', () => {
  it('is refused with what it takes, and an article with where articles go; the library is unchanged', async () => {
    const dir = await tempDir();
    const { backend } = await openSampleBackend(dir);
    const before = await libraryFiles(dir);
    const refusal = async (fileName: string, content: string | Buffer) => {
      const result = await backend('importProject', { fileName, data: base64(content) });
      expect(result.ok).toBe(false);
      return result.ok ? '' : result.error.message;
    };
    const kinds = /is not a Stance Annotator backup \(\.json\), web annotations .*REFI-QDA project/;
    const articles = /Articles \(\.txt, \.md, \.html, \.htm, \.docx, \.pdf\) are added in the Library: "Import files…"/;

    // An HTML page is no XML project (it was read as one: "not well-formed XML"), a .docx no REFI-QDA zip ("no
    // project.qde inside").
    for (const [fileName, content] of [
      ['page.html', '<html><body><p>Hello <img src=x onerror=alert(1)></p></body></html>'],
      ['interview.docx', zipHead],
      ['notes.TXT', 'Plain words.'],
    ] as const) {
      const message = await refusal(fileName, content);
      expect(message).toMatch(kinds);
      expect(message).toMatch(articles);
      expect(message.startsWith(fileName)).toBe(true);
    }
    // Anything else: what the import takes, and nothing about articles.
    const other = await refusal('data.bin', 'no kind at all');
    expect(other).toMatch(kinds);
    expect(other).not.toMatch(articles);
    expect(await libraryFiles(dir)).toEqual(before);
  });
});
