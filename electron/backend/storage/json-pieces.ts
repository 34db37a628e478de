/**
 * Characters gathered into one piece (its bytes: as many, or more where they are not ASCII): few enough pieces that
 * writing them costs little, each a fraction of a slice to encode.
 */
const PIECE_LENGTH = 256 * 1024;

/**
 * Adds `items` to `pieces` as UTF-8 JSON array elements, separated by commas (`JSON.stringify(items)` without its
 * brackets), one item a step: run in slices (in-slices.ts), a 140 MB journal is encoded without holding the backend
 * for the second and a half that `JSON.stringify` and one `Buffer.from` of it take.
 */
export function* jsonElementPieces(items: readonly unknown[], pieces: Buffer[]): Generator<undefined, void> {
  let text = '';
  for (let i = 0; i < items.length; i++) {
    text += (i === 0 ? '' : ',') + JSON.stringify(items[i]);
    if (text.length >= PIECE_LENGTH) {
      pieces.push(Buffer.from(text, 'utf8'));
      text = '';
    }
    yield;
  }
  if (text !== '') pieces.push(Buffer.from(text, 'utf8'));
}
