import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { MENU_COMMAND_CHANNEL, type MenuCommand } from '../../shared/api-names';

/**
 * The native menu. Undo, Redo and Find are the app's own commands, sent to the page; their accelerators are shown
 * but not registered, because the page handles those keys itself (and leaves Ctrl+Z to text fields while typing).
 */
export function buildAppMenuTemplate(send: (command: MenuCommand) => void): MenuItemConstructorOptions[] {
  const isMac = process.platform === 'darwin';
  const command = (label: string, name: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    accelerator,
    registerAccelerator: false,
    click: () => send(name),
  });
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        command('Export…', 'export', 'CmdOrCtrl+E'),
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        command('Undo', 'undo', 'CmdOrCtrl+Z'),
        command('Redo', 'redo', 'Shift+CmdOrCtrl+Z'),
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        command('Find in Article', 'find', 'CmdOrCtrl+F'),
      ],
    },
    {
      label: 'Annotate',
      submenu: [
        command('Edit Codebook…', 'edit-codebook'),
        command('Holders and Targets…', 'edit-entities'),
        { type: 'separator' },
        command('Replace Text of Document…', 'replace-text'),
      ],
    },
    {
      label: 'Corpus',
      submenu: [
        command('Search Library…', 'search-library', 'Shift+CmdOrCtrl+F'),
        command('Coded Segments…', 'coded-segments', 'Shift+CmdOrCtrl+G'),
        command('Stance Map…', 'stance-map', 'Shift+CmdOrCtrl+M'),
        command('Tags by Document…', 'tag-matrix'),
        command('Stances over Time…', 'stances-over-time', 'Shift+CmdOrCtrl+L'),
      ],
    },
    {
      label: 'Team',
      submenu: [command('Intercoder Agreement…', 'agreement'), command('Curate Document', 'curate')],
    },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
}

export function installAppMenu(getWindow: () => BrowserWindow | null): void {
  const template = buildAppMenuTemplate((command) => getWindow()?.webContents.send(MENU_COMMAND_CHANNEL, command));
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
