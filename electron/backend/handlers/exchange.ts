import { buildExport } from '../../../shared/export/build-export';
import { parseBackup, planImport } from '../import-backup';
import type { HandlerContext, Handlers } from './types';

type ExchangeHandlers = Pick<Handlers, 'exportData' | 'importBackup'>;

/** Export files and backup import: the files are built by the pure functions in shared/export. */
export function exchangeHandlers({ library }: HandlerContext): ExchangeHandlers {
  return {
    async exportData({ kind, documentIds, highlightIds, bom = true, formulaEscape = true }) {
      return buildExport(library.data, kind, { documentIds, highlightIds }, { bom, formulaEscape });
    },

    async importBackup({ content }) {
      const { changes, summary } = planImport(library.data, parseBackup(content));
      await library.commit('Import backup', changes);
      return summary;
    },
  };
}
