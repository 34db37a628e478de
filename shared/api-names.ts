// Kept apart from api-contract.ts so that the preload and the renderer can use them without bundling zod.
import type { ExportRequest } from './api-contract';

/** Browser mode's request header naming the tab's session (lower case, as Node gives headers): undo is per session. */
export const CLIENT_HEADER = 'x-stance-client';

/**
 * Browser mode's request header by which the page takes a large API answer gzipped, as {@link GZIPPED_ANSWER_TYPE}.
 * Not `Content-Encoding`: Chromium would inflate it before the page and pass the page every byte of it again, at some
 * 30 ms a megabyte on a machine of two cores; gzipped, the 4.5 MB listing of 20,000 documents is 0.65 MB.
 */
export const ACCEPT_GZIP_HEADER = 'x-stance-accept-gzip';

/** The content type of an API answer sent gzipped: its JSON, gzipped, inflated by the page. */
export const GZIPPED_ANSWER_TYPE = 'application/gzip';

/**
 * Browser mode's path for a backup imported from a file: its bytes as they are (`?jobId=` to follow it), larger than
 * an API request may be; answered as `importBackup` is.
 */
export const UPLOAD_BACKUP_PATH = '/upload/backup';

/** The name under which the preload exposes the API on `window`. */
export const API_GLOBAL_NAME = 'stanceApi';

/** The IPC channel that carries one API method. */
export function ipcChannel(method: string): string {
  return `api:${method}`;
}

/** Commands the native menu sends to the page (Electron only); the page carries them out as its own shortcuts do. */
export const menuCommands = [
  'undo',
  'redo',
  'find',
  'export',
  'edit-codebook',
  'edit-entities',
  'agreement',
  'curate',
  'search-library',
  'stance-map',
  'tag-matrix',
  'replace-text',
  'coded-segments',
  'stances-over-time',
] as const;
export type MenuCommand = (typeof menuCommands)[number];

/** The channel that carries menu commands from main to the page, and the window property that listens to it. */
export const MENU_COMMAND_CHANNEL = 'menu:command';
export const EVENTS_GLOBAL_NAME = 'stanceEvents';

/** What the preload exposes for events pushed from main. */
export interface StanceEvents {
  /** Calls `listener` for each menu command; returns a function that stops listening. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (menuCommands as readonly string[]).includes(value);
}

/** The window property and channel of what only the desktop shell can do: save an export where the analyst chooses. */
export const SHELL_GLOBAL_NAME = 'stanceShell';
export const SAVE_EXPORT_CHANNEL = 'shell:save-export';

/** `saved` is false when the analyst cancelled the dialog. */
export type SaveFileResult = { saved: true; path: string } | { saved: false } | { saved: false; error: string };

export interface StanceShell {
  /** Asks where to save (a native dialog); the backend then writes the export there. */
  saveExport(request: ExportRequest): Promise<SaveFileResult>;
}
