import { randomBytes } from 'node:crypto';
import { open, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { exportRequestSchema, type ApiError, type ExportRequest } from '../../shared/api-contract';
import { exportFileTypes, snapshotOf, type ExportFile } from '../../shared/export/build-export';
import { exportContent } from './exchange/export-content';
import { TemporarySpill } from './exchange/library-source';
import { isStreamedKind, memorySource, streamedExport, type ExportProgress } from '../../shared/export/streamed-export';
import { invalidRequest } from './api-error';
import type { Store } from './store';

export type ParsedExportRequest =
  { ok: true; request: ExportRequest; file: Omit<ExportFile, 'content'> } | { ok: false; error: ApiError };

/** Validates an export request from a shell, as every API call is validated, and names the file it makes. */
export function parseExportRequest(payload: unknown): ParsedExportRequest {
  const parsed = exportRequestSchema.safeParse(payload);
  if (!parsed.success) return { ok: false, error: invalidRequest('export request', parsed.error) };
  return { ok: true, request: parsed.data, file: exportFileTypes[parsed.data.kind] };
}

/** What an export reports as it goes, and what stops it (the app's Export dialog shows the one and offers the other). */
export interface ExportControl {
  progress?: ExportProgress;
  signal?: AbortSignal;
}

/**
 * An export's blocks. The CSV and JSON exports are streamed a document at a time (streamed-export.ts), here from a
 * snapshot of the library in memory, as the command line streams them from the library's files; the others are built
 * whole (exchange/export-content.ts).
 */
export async function* exportBlocksOf(
  store: Store,
  request: ExportRequest,
  control: ExportControl = {},
): AsyncGenerator<string | Uint8Array> {
  await store.loaded;
  const { kind, bom = true, formulaEscape = true, ...scope } = request;
  const csv = { bom, formulaEscape };
  if (!isStreamedKind(kind)) {
    yield* await exportContent(snapshotOf(store.data), kind, scope, csv);
    return;
  }
  yield* withSpill((spill) =>
    streamedExport(memorySource(snapshotOf(store.data)), kind, scope, { csv, spill, ...control }),
  );
}

/** A streamed export with a temporary spill file, removed once the export ends, however it ends. */
export async function* withSpill(
  exporter: (spill: TemporarySpill) => AsyncIterable<string | Uint8Array>,
): AsyncGenerator<string | Uint8Array> {
  const spill = new TemporarySpill();
  try {
    yield* exporter(spill);
  } finally {
    await spill.dispose();
  }
}

/**
 * Hands each block's bytes to `write`, building the next block while the last one is being written: the file's bytes
 * reach the disk (or the download) during the build, not after it, and the event loop is never held for longer than
 * one block. Resolves with the number of bytes written.
 */
export async function writeBlocks(
  blocks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  write: (bytes: Buffer) => Promise<void>,
): Promise<number> {
  let bytes = 0;
  let writing = Promise.resolve();
  try {
    for await (const block of blocks) {
      const buffer =
        typeof block === 'string'
          ? Buffer.from(block, 'utf8')
          : Buffer.from(block.buffer, block.byteOffset, block.length);
      bytes += buffer.length;
      await writing;
      writing = write(buffer);
      // Awaited before the next write, or at the end. Meanwhile the next block may take the event loop's turns (the
      // command line's threads, a spill file): a write that fails then (a full disk, a download given up) must not be
      // an unhandled rejection, which ends the process before the partial file is removed.
      writing.catch(() => undefined);
    }
  } finally {
    await writing;
  }
  return bytes;
}

/** Builds an export block by block and hands each block's bytes to `write` (see {@link writeBlocks}). */
export function writeExportBlocks(
  store: Store,
  request: ExportRequest,
  write: (bytes: Buffer) => Promise<void>,
  control?: ExportControl,
): Promise<number> {
  return writeBlocks(exportBlocksOf(store, request, control), write);
}

/**
 * Writes an export to `filePath`: into a new file beside it, renamed into place once whole, so a failed export never
 * leaves half a file, nor destroys the file it was to replace.
 */
export function writeExportFile(
  store: Store,
  request: ExportRequest,
  filePath: string,
  control?: ExportControl,
): Promise<number> {
  return writeFileAtomically(filePath, exportBlocksOf(store, request, control));
}

/**
 * Writes blocks into a new file beside `filePath`, renamed into place once whole (see {@link writeExportFile}). A
 * device or a pipe (`/dev/stdout`, a FIFO) is written straight into: renaming a file over it would replace it (as
 * root, `/dev/full` became a plain file that "took" the export). A folder, or a folder that is not there, is refused
 * with a plain message rather than an error code and a temporary file's name.
 */
export async function writeFileAtomically(
  filePath: string,
  blocks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
): Promise<number> {
  const existing = await stat(filePath).catch(() => null);
  if (existing?.isDirectory()) throw new Error(`${filePath} is a folder: give the name of the file to write.`);
  if (existing && !existing.isFile()) return writeInto(filePath, blocks);
  const partial = path.join(
    path.dirname(filePath),
    `.${path.basename(filePath)}.${randomBytes(4).toString('hex')}.partial`,
  );
  const handle = await open(partial, 'wx').catch((error: NodeJS.ErrnoException) => {
    throw new Error(cannotWriteIn(path.dirname(filePath), error));
  });
  try {
    let position = 0;
    const bytes = await writeBlocks(blocks, async (buffer) => {
      for (let offset = 0; offset < buffer.length;) {
        const { bytesWritten } = await handle.write(buffer, offset, buffer.length - offset, position);
        offset += bytesWritten;
        position += bytesWritten;
      }
    });
    await handle.close();
    await rename(partial, filePath);
    return bytes;
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(partial).catch(() => undefined);
    throw error;
  }
}

/** Writes blocks into what is at `filePath` and is no plain file (a device, a pipe), in order. */
async function writeInto(
  filePath: string,
  blocks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
): Promise<number> {
  const handle = await open(filePath, 'w');
  try {
    const bytes = await writeBlocks(blocks, async (buffer) => {
      for (let offset = 0; offset < buffer.length;) offset += (await handle.write(buffer, offset)).bytesWritten;
    });
    await handle.close();
    return bytes;
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
}

function cannotWriteIn(folder: string, error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return `The folder ${folder} does not exist.`;
    case 'ENOTDIR':
      return `${folder} is not a folder.`;
    case 'EACCES':
    case 'EPERM':
      return `There is no permission to write in ${folder}.`;
    case 'EROFS':
      return `${folder} is on a read-only disk.`;
    default:
      return `Cannot write in ${folder}: ${error.message}`;
  }
}
