import { parseBackup, planImport } from '../import-backup';
import type { HandlerContext, Handlers } from './types';

type ExchangeHandlers = Pick<Handlers, 'importBackup'>;

/** Backup import. (Exports are files, not answers: export-writer.ts writes them.) */
export function exchangeHandlers({ library }: HandlerContext): ExchangeHandlers {
  return {
    async importBackup({ content }) {
      const { changes, summary } = planImport(library.data, parseBackup(content));
      await library.commit('Import backup', changes);
      return summary;
    },
  };
}
