import type { ExportScopeChoice, Settings } from '../../../../shared/domain';
import { exportKinds, type ExportKind } from '../../../../shared/export/build-export';

export interface ExportChoices {
  kind: ExportKind;
  scope: ExportScopeChoice;
  bom: boolean;
  formulaEscape: boolean;
}

/** A first export: every document's annotations, as Excel reads them safely. */
export const DEFAULT_EXPORT_CHOICES: ExportChoices = {
  kind: 'annotations',
  scope: 'all',
  bom: true,
  formulaEscape: true,
};

/**
 * The Export dialog's last choices, as the library's settings remember them (the backend saves them, so they are
 * there in any window, after a restart); a kind this version does not export gives the default kind.
 */
export function exportChoicesFrom(settings: Pick<Settings, 'exportChoices'>): ExportChoices {
  const stored = settings.exportChoices;
  if (!stored) return DEFAULT_EXPORT_CHOICES;
  const kind = exportKinds.find((k) => k === stored.kind) ?? DEFAULT_EXPORT_CHOICES.kind;
  return { ...stored, kind };
}
