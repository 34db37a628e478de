// Bundled at build time (Vite's ?raw), so no shell reads the sample from disk at run time.
import sampleText from '../../resources/samples/nato-peacekeepers-article.txt?raw';

/** The article a new library opens on, so that a new user can start annotating at once. */
export const sampleArticle = {
  title: 'Russia rejects NATO peacekeepers in Ukraine, offers unarmed observer mission',
  text: sampleText,
  source: { kind: 'sample' as const },
  meta: {},
};
