import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ApiArgs, ApiMethod, ApiResult, ApiResults, ExportRequest, StanceApi } from '../../shared/api-contract';
import {
  API_GLOBAL_NAME,
  EVENTS_GLOBAL_NAME,
  ipcChannel,
  isMenuCommand,
  MENU_COMMAND_CHANNEL,
  SAVE_EXPORT_CHANNEL,
  SHELL_GLOBAL_NAME,
  type MenuCommand,
  type SaveFileResult,
  type StanceEvents,
  type StanceShell,
} from '../../shared/api-names';

/** A function that carries one method over IPC; only the payload crosses, never ipcRenderer or an event. */
const call =
  <M extends ApiMethod>(method: M) =>
  (args: ApiArgs<M>): Promise<ApiResult<ApiResults[M]>> =>
    ipcRenderer.invoke(ipcChannel(method), args) as Promise<ApiResult<ApiResults[M]>>;

// Exactly the contract's methods: `satisfies` fails the build when one is missing or one is extra.
const api = {
  getWorkspace: call('getWorkspace'),
  listDocuments: call('listDocuments'),
  documentsLoaded: call('documentsLoaded'),
  getDocument: call('getDocument'),
  createHighlight: call('createHighlight'),
  updateHighlight: call('updateHighlight'),
  deleteHighlight: call('deleteHighlight'),
  adoptHighlight: call('adoptHighlight'),
  curateHighlight: call('curateHighlight'),
  rejectDisagreement: call('rejectDisagreement'),
  createTag: call('createTag'),
  updateTag: call('updateTag'),
  deleteTag: call('deleteTag'),
  reorderTags: call('reorderTags'),
  createEntity: call('createEntity'),
  renameEntity: call('renameEntity'),
  mergeEntities: call('mergeEntities'),
  deleteEntity: call('deleteEntity'),
  countUsage: call('countUsage'),
  countEntityUses: call('countEntityUses'),
  setCoder: call('setCoder'),
  updateSettings: call('updateSettings'),
  importBackup: call('importBackup'),
  importProject: call('importProject'),
  importFile: call('importFile'),
  importText: call('importText'),
  replaceDocumentText: call('replaceDocumentText'),
  updateDocument: call('updateDocument'),
  updateDocuments: call('updateDocuments'),
  createVariable: call('createVariable'),
  updateVariable: call('updateVariable'),
  deleteVariable: call('deleteVariable'),
  deleteDocument: call('deleteDocument'),
  bringBackDocument: call('bringBackDocument'),
  setReadingPosition: call('setReadingPosition'),
  rememberExportChoices: call('rememberExportChoices'),
  getJobProgress: call('getJobProgress'),
  cancelJob: call('cancelJob'),
  listCoders: call('listCoders'),
  getAgreement: call('getAgreement'),
  searchLibrary: call('searchLibrary'),
  codeMatches: call('codeMatches'),
  getStanceMap: call('getStanceMap'),
  getCodedSegments: call('getCodedSegments'),
  getTagMatrix: call('getTagMatrix'),
  getTimeline: call('getTimeline'),
  undo: call('undo'),
  redo: call('redo'),
} satisfies StanceApi;

const events = {
  onMenuCommand(listener: (command: MenuCommand) => void) {
    // The page gets the command name only, and only a known one; never the IPC event.
    const forward = (_event: IpcRendererEvent, command: unknown): void => {
      if (isMenuCommand(command)) listener(command);
    };
    ipcRenderer.on(MENU_COMMAND_CHANNEL, forward);
    return () => void ipcRenderer.off(MENU_COMMAND_CHANNEL, forward);
  },
} satisfies StanceEvents;

const shell = {
  saveExport: (request: ExportRequest) => ipcRenderer.invoke(SAVE_EXPORT_CHANNEL, request) as Promise<SaveFileResult>,
} satisfies StanceShell;

contextBridge.exposeInMainWorld(API_GLOBAL_NAME, api);
contextBridge.exposeInMainWorld(SHELL_GLOBAL_NAME, shell);
contextBridge.exposeInMainWorld(EVENTS_GLOBAL_NAME, events);
