import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { dialog, ipcMain, type BrowserWindow } from 'electron';
import { z } from 'zod';
import { SAVE_FILE_CHANNEL, type SaveFileResult } from '../../shared/api-names';
import { isTrustedSender } from './ipc';

const saveFileSchema = z.strictObject({
  fileName: z
    .string()
    .min(1)
    .max(255)
    .refine((name) => path.basename(name) === name, 'a file name, not a path'),
  content: z.string(),
});

/**
 * Saving an export: the page sends the file's name and text; main asks where with a native dialog and writes it.
 * The page never names a path itself.
 */
export function registerSaveFile(getWindow: () => BrowserWindow | null, trustedOrigins: readonly string[]): void {
  ipcMain.handle(SAVE_FILE_CHANNEL, async (event, payload: unknown): Promise<SaveFileResult> => {
    if (!isTrustedSender(event, trustedOrigins))
      return { saved: false, error: 'Calls are accepted from the app only.' };
    const parsed = saveFileSchema.safeParse(payload);
    if (!parsed.success) return { saved: false, error: `Invalid save request: ${parsed.error.issues[0]?.message}` };
    const { fileName, content } = parsed.data;
    const extension = path.extname(fileName).slice(1);
    const window = getWindow();
    const options = {
      defaultPath: fileName,
      filters: [{ name: extension.toUpperCase(), extensions: [extension] }],
    };
    const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return { saved: false };
    try {
      await writeFile(choice.filePath, content, 'utf8');
      return { saved: true, path: choice.filePath };
    } catch (error) {
      return { saved: false, error: `Could not write ${choice.filePath}: ${(error as Error).message}` };
    }
  });
}
