import { ApiFailure } from '../api-error';

/**
 * The text of a file that should be text: UTF-8 (with or without a byte order mark) or UTF-16 with a BOM. A file
 * that is not valid in its encoding, or holds NUL or other control bytes, is refused as binary — whatever its name.
 */
export function decodeText(bytes: Uint8Array, fileName: string): string {
  let text: string;
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe)
      text = new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
    else if (bytes[0] === 0xfe && bytes[1] === 0xff)
      text = new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2));
    else text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ApiFailure(
      'invalid-request',
      `${fileName} is not text in UTF-8 or UTF-16 (with a byte order mark): it looks like a binary file.`,
    );
  }
  // Tab, LF, CR and form feed are text; other C0 controls (NUL above all) mean a binary file.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point here
  if (/[\u0000-\u0008\u000b\u000e-\u001f]/.test(text)) {
    throw new ApiFailure('invalid-request', `${fileName} holds control characters: it looks like a binary file.`);
  }
  return text;
}
