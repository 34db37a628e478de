import { useEffect, useMemo, useState } from 'react';
import type { CoderInfo } from '../../../shared/api-contract';
import { callApi } from '../api/client';

/** What the analysis views are limited to: one coder's highlights, documents published between two days. */
export interface AnalysisFilterValue {
  coders?: string[];
  from?: string;
  to?: string;
}

/**
 * The filter every analysis view offers (coder, publication dates), as fields and the filter they make. The filter is
 * the same object while the fields do not change, so a view can load its numbers when it changes.
 */
export function useAnalysisFilter(): { filter: AnalysisFilterValue; fields: React.JSX.Element } {
  const [coders, setCoders] = useState<CoderInfo[]>([]);
  const [coder, setCoder] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  useEffect(() => {
    void callApi('listCoders', {}).then(setCoders, () => setCoders([]));
  }, []);
  const filter = useMemo(
    () => ({ ...(coder ? { coders: [coder] } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) }),
    [coder, from, to],
  );
  const fields = (
    <>
      <label className="inline-label">
        Coder
        <select value={coder} onChange={(e) => setCoder(e.target.value)}>
          <option value="">Every coder</option>
          {coders.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-label">
        Published from
        <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
      </label>
      <label className="inline-label">
        to
        <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
      </label>
    </>
  );
  return { filter, fields };
}
