import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { exportRequestSchema, type ApiError, type ExportRequest } from '../../shared/api-contract';
import { exportFileTypes, snapshotOf, type ExportFile } from '../../shared/export/build-export';
import { exportContent } from './exchange/export-content';
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

/**
 * Builds an export block by block and hands each block's bytes to `write`, building the next block while the last
 * one is being written: the file's bytes reach the disk (or the download) during the build, not after it, and the
 * event loop is never held for longer than one block. Resolves with the number of bytes written.
 */
export async function writeExportBlocks(
  store: Store,
  request: ExportRequest,
  write: (bytes: Buffer) => Promise<void>,
): Promise<number> {
  await store.loaded;
  const { kind, bom = true, formulaEscape = true, ...scope } = request;
  const blocks = await exportContent(snapshotOf(store.data), kind, scope, { bom, formulaEscape });
  let bytes = 0;
  // Nothing between starting a write and awaiting it yields to the event loop, so a failed write is always handled.
  let writing = Promise.resolve();
  for (const block of blocks) {
    const buffer = typeof block === 'string' ? Buffer.from(block, 'utf8') : Buffer.from(block);
    bytes += buffer.length;
    await writing;
    writing = write(buffer);
  }
  await writing;
  return bytes;
}

/**
 * Writes an export to `filePath`: into a new file beside it, renamed into place once whole, so a failed export never
 * leaves half a file, nor destroys the file it was to replace.
 */
export async function writeExportFile(store: Store, request: ExportRequest, filePath: string): Promise<number> {
  const partial = path.join(
    path.dirname(filePath),
    `.${path.basename(filePath)}.${randomBytes(4).toString('hex')}.partial`,
  );
  const handle = await open(partial, 'wx');
  try {
    let position = 0;
    const bytes = await writeExportBlocks(store, request, async (buffer) => {
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
