import type { ExportRequest } from '../../../../shared/api-contract';
import { saveExport } from '../../api/save-export';

/** An analysis view's "Save CSV…": the same numbers as a file, with a BOM so that Excel reads it as UTF-8. */
export function SaveCsvButton({ request, disabled }: { request: ExportRequest; disabled: boolean }) {
  return (
    <button type="button" disabled={disabled} onClick={() => void saveExport({ ...request, bom: true })}>
      Save CSV…
    </button>
  );
}
