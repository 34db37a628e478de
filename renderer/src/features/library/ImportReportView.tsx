import { useAppStore } from '../../store/app-store';

/** What the last import did: imported, skipped as duplicates, and failed with the reason for each file. */
export function ImportReportView() {
  const report = useAppStore((s) => s.importReport);
  const dismiss = useAppStore((s) => s.dismissImportReport);
  if (!report) return null;
  return (
    <div className="import-report" role={report.failed.length ? 'alert' : 'status'}>
      <p>
        <strong>
          {report.imported.length} imported,{' '}
          {report.replaced ? `${report.replaced.length} replaced the text of a document, ` : ''}
          {report.duplicates.length} skipped as duplicates, {report.failed.length} failed.
        </strong>{' '}
        <button type="button" className="link-button" onClick={dismiss}>
          Dismiss
        </button>
      </p>
      <ul>
        {report.imported.map((name) => (
          <li key={`i-${name}`}>Imported: {name}</li>
        ))}
        {report.replaced?.map((r) => (
          <li key={`r-${r.name}`}>
            Replaced the text of “{r.existing}” with {r.name}. {r.highlights}
          </li>
        ))}
        {report.duplicates.map((d) => (
          <li key={`d-${d.name}`}>
            Skipped: {d.name} is the same text as “{d.existing}”.
          </li>
        ))}
        {report.failed.map((f) => (
          <li key={`f-${f.name}`} className="failed">
            Failed: {f.reason}
          </li>
        ))}
      </ul>
    </div>
  );
}
