import { EVENTS_GLOBAL_NAME, type MenuCommand, type StanceEvents } from '../../shared/api-names';
import { isTextField } from './ui/is-text-field';
import { appStore } from './store/app-store';

/** Carries out a command from Electron's native menu; in a text field, Undo and Redo are the field's own. */
export function runMenuCommand(command: MenuCommand): void {
  const state = appStore.getState();
  const typing = isTextField(document.activeElement);
  switch (command) {
    case 'undo':
      if (typing) document.execCommand('undo');
      else void state.undo();
      break;
    case 'redo':
      if (typing) document.execCommand('redo');
      else void state.redo();
      break;
    case 'find':
      state.setFindOpen(true);
      break;
    case 'export':
      state.setOpenDialog('export');
      break;
    case 'edit-codebook':
      state.setOpenDialog('codebook');
      break;
    case 'edit-entities':
      state.setOpenDialog('entities');
      break;
    case 'agreement':
      state.setOpenDialog('agreement');
      break;
    case 'search-library':
      state.setOpenDialog('search');
      break;
    case 'stance-map':
      state.setOpenDialog('stance-map');
      break;
    case 'tag-matrix':
      state.setOpenDialog('tag-matrix');
      break;
    case 'coded-segments':
      state.setOpenDialog('coded-segments');
      break;
    case 'stances-over-time':
      state.setOpenDialog('timeline');
      break;
    case 'replace-text':
      if (state.document) state.setOpenDialog('replace-text');
      break;
    case 'curate':
      if (state.document) {
        state.setCurating(!state.curating);
        state.setView('document');
      }
      break;
    default:
      throw new Error(`Unknown menu command ${String(command satisfies never)}`);
  }
}

/** Listens to the native menu where there is one (Electron); a no-op in browser mode. */
export function subscribeToMenuCommands(): () => void {
  const events = (window as unknown as Record<string, StanceEvents | undefined>)[EVENTS_GLOBAL_NAME];
  return events ? events.onMenuCommand(runMenuCommand) : () => undefined;
}
