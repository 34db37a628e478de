import path from 'node:path';
import { dialog, ipcMain, type BrowserWindow } from 'electron';
import { SAVE_EXPORT_CHANNEL, type SaveFileResult } from '../../shared/api-names';
import { parseExportRequest, writeExportFile } from '../backend/export-writer';
import { ApiFailure } from '../backend/api-error';
import { Jobs } from '../backend/jobs';
import type { Store } from '../backend/store';
import { isTrustedSender, trackCall } from './ipc';

/**
 * Saving an export: the page says what to export; main asks where with a native dialog, and the backend writes the
 * file there block by block. The page never names a path, and the file's text never crosses into the page.
 */
export function registerSaveExport(
  getWindow: () => BrowserWindow | null,
  trustedOrigins: readonly string[],
  /** The library, or its opening (the window loads while it opens). */
  store: Store | Promise<Store>,
  /** The backend's registry: the page follows the export's progress, and cancels it, through the API. */
  jobs: Jobs = new Jobs(),
): void {
  ipcMain.handle(SAVE_EXPORT_CHANNEL, async (event, payload: unknown): Promise<SaveFileResult> => {
    if (!isTrustedSender(event, trustedOrigins))
      return { saved: false, error: 'Calls are accepted from the app only.' };
    const parsed = parseExportRequest(payload);
    if (!parsed.ok) return { saved: false, error: parsed.error.message };
    const { fileName } = parsed.file;
    const extension = path.extname(fileName).slice(1);
    const window = getWindow();
    const options = {
      defaultPath: fileName,
      filters: [{ name: extension.toUpperCase(), extensions: [extension] }],
    };
    const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return { saved: false };
    const filePath = choice.filePath;
    // Quitting waits for an export under way, as it waits for a change being saved.
    return trackCall(
      jobs
        .run(parsed.request.jobId, async (control) => writeExportFile(await store, parsed.request, filePath, control))
        .then(
          (): SaveFileResult => ({ saved: true, path: filePath }),
          (error: Error): SaveFileResult =>
            // Cancelled by the analyst: nothing was written (the partial file is removed), as when the dialog is.
            error instanceof ApiFailure && error.code === 'cancelled'
              ? { saved: false }
              : { saved: false, error: `Could not write ${filePath}: ${error.message}` },
        ),
    );
  });
}
