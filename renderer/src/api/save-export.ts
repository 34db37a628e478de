import type { ApiResult, ExportRequest } from '../../../shared/api-contract';
import { SHELL_GLOBAL_NAME, type SaveFileResult, type StanceShell } from '../../../shared/api-names';
import { exportFileTypes } from '../../../shared/export/build-export';
import { browserModeToken, SERVER_UNREACHABLE, TOKEN_REFUSED } from './client';

/**
 * Exports and saves a file: under Electron, main asks where with a native save dialog and the backend writes the file
 * there; in browser mode the backend sends it as the answer to a request, and it is saved as a download (where the
 * browser asks, or in its downloads folder). Either way the file is built and written block by block.
 */
export async function saveExport(request: ExportRequest): Promise<SaveFileResult> {
  const shell = (window as unknown as Record<string, StanceShell | undefined>)[SHELL_GLOBAL_NAME];
  if (shell) return shell.saveExport(request);
  const token = browserModeToken();
  if (!token) return { saved: false, error: 'This page needs the address printed by `npm run serve`.' };
  let response: Response;
  try {
    response = await fetch('/export', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(request),
    });
  } catch {
    return { saved: false, error: SERVER_UNREACHABLE };
  }
  if (response.status === 401) return { saved: false, error: TOKEN_REFUSED };
  if (!response.ok) return { saved: false, error: await errorMessage(response) };
  let file: Blob;
  try {
    file = await response.blob();
  } catch {
    return { saved: false, error: 'The export was interrupted before it was whole: nothing was saved.' };
  }
  const { fileName } = exportFileTypes[request.kind];
  download(file, fileName);
  return { saved: true, path: fileName };
}

async function errorMessage(response: Response): Promise<string> {
  try {
    const result = (await response.json()) as ApiResult<never>;
    if (!result.ok) return result.error.message;
  } catch {
    // Not the server's JSON: fall through.
  }
  return `The server answered ${response.status} without a file.`;
}

/** Saves a file made in the page as a download (in Electron: a native save dialog, its default for downloads). */
export function download(file: Blob, fileName: string): void {
  const url = URL.createObjectURL(file);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // Revoked after the click has started the download.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}
