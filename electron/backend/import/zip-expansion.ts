import { inflateRawSync } from 'node:zlib';

/** How much a .docx may unpack to: far above any real article, far below what would exhaust memory. */
export const MAX_DOCX_EXPANSION_BYTES = 256 * 1024 * 1024;

/**
 * Checks, before any ZIP library unpacks it, that an archive expands to at most `limit` bytes: by the sizes its
 * directory declares, and by inflating each entry within what it declared (an entry that lies about its size is
 * caught as it passes it, not after it has filled memory). Returns a reason to refuse, or null. An archive this cannot
 * parse is left to the ZIP library, which reports it as damaged.
 */
export function zipExpansionProblem(bytes: Uint8Array, limit: number): string | null {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = centralDirectory(data);
  if (entries === null) return null;
  const beyond = `expands beyond ${Math.round(limit / (1024 * 1024))} MB when unpacked`;
  let declared = 0;
  for (const entry of entries) {
    if (entry.zip64) return `${beyond} (or uses ZIP64, which no Word document needs)`;
    declared += entry.size;
    if (declared > limit) return beyond;
  }
  for (const entry of entries) {
    if (entry.method !== 8) continue;
    const start = dataStart(data, entry.headerOffset);
    if (start === null) return null;
    try {
      inflateRawSync(data.subarray(start, start + entry.compressedSize), { maxOutputLength: Math.max(1, entry.size) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return beyond;
      return null;
    }
  }
  return null;
}

interface CentralEntry {
  method: number;
  compressedSize: number;
  size: number;
  headerOffset: number;
  zip64: boolean;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

function centralDirectory(data: Buffer): CentralEntry[] | null {
  // The end record is the last 22 bytes, or before a comment of up to 65,535 bytes.
  let end = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--) {
    if (data.readUInt32LE(i) === END_OF_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = data.readUInt16LE(end + 10);
  let offset = data.readUInt32LE(end + 16);
  const entries: CentralEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (offset + 46 > data.length || data.readUInt32LE(offset) !== DIRECTORY_ENTRY) return null;
    const compressedSize = data.readUInt32LE(offset + 20);
    const size = data.readUInt32LE(offset + 24);
    const headerOffset = data.readUInt32LE(offset + 42);
    entries.push({
      method: data.readUInt16LE(offset + 10),
      compressedSize,
      size,
      headerOffset,
      zip64: [compressedSize, size, headerOffset].includes(0xffffffff),
    });
    offset += 46 + data.readUInt16LE(offset + 28) + data.readUInt16LE(offset + 30) + data.readUInt16LE(offset + 32);
  }
  return entries;
}

function dataStart(data: Buffer, headerOffset: number): number | null {
  if (headerOffset + 30 > data.length || data.readUInt32LE(headerOffset) !== LOCAL_HEADER) return null;
  return headerOffset + 30 + data.readUInt16LE(headerOffset + 26) + data.readUInt16LE(headerOffset + 28);
}
