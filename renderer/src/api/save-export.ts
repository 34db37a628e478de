import type { ExportFile } from '../../../shared/export/build-export';
import { SHELL_GLOBAL_NAME, type SaveFileResult, type StanceShell } from '../../../shared/api-names';

/**
 * Saves an export file: through the desktop shell's native save dialog under Electron, or as a download in browser
 * mode (where the browser asks or uses its downloads folder).
 */
export async function saveExportFile(file: ExportFile): Promise<SaveFileResult> {
  const shell = (window as unknown as Record<string, StanceShell | undefined>)[SHELL_GLOBAL_NAME];
  if (shell) return shell.saveFile({ fileName: file.fileName, content: file.content });
  const url = URL.createObjectURL(new Blob([file.content], { type: file.mimeType }));
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = file.fileName;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // Revoked after the click has started the download.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
  return { saved: true, path: file.fileName };
}
