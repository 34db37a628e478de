import { contextBridge, ipcRenderer } from 'electron';
import type { ApiArgs, ApiMethod, ApiResult, ApiResults, StanceApi } from '../../shared/api-contract';
import { API_GLOBAL_NAME, ipcChannel } from '../../shared/api-names';

/** A function that carries one method over IPC; only the payload crosses, never ipcRenderer or an event. */
const call =
  <M extends ApiMethod>(method: M) =>
  (args: ApiArgs<M>): Promise<ApiResult<ApiResults[M]>> =>
    ipcRenderer.invoke(ipcChannel(method), args) as Promise<ApiResult<ApiResults[M]>>;

// Exactly the contract's methods: `satisfies` fails the build when one is missing or one is extra.
const api = {
  getWorkspace: call('getWorkspace'),
  getDocument: call('getDocument'),
  createHighlight: call('createHighlight'),
  updateHighlight: call('updateHighlight'),
  deleteHighlight: call('deleteHighlight'),
  createTag: call('createTag'),
  updateTag: call('updateTag'),
  deleteTag: call('deleteTag'),
  reorderTags: call('reorderTags'),
  createEntity: call('createEntity'),
  renameEntity: call('renameEntity'),
  mergeEntities: call('mergeEntities'),
  deleteEntity: call('deleteEntity'),
  countUsage: call('countUsage'),
  updateSettings: call('updateSettings'),
  undo: call('undo'),
  redo: call('redo'),
} satisfies StanceApi;

contextBridge.exposeInMainWorld(API_GLOBAL_NAME, api);
