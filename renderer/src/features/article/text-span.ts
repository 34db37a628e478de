/** A stretch of a document's text, by UTF-16 offsets: start included, end excluded (as `String.prototype.slice`). */
export interface TextSpan {
  start: number;
  end: number;
}
