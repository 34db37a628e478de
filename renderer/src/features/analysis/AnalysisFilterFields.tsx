import { useEffect, useMemo, useState } from 'react';
import type { CoderInfo } from '../../../../shared/api-contract';
import { callApi } from '../../api/client';
import { useAppStore } from '../../store/app-store';
import { LabelledSelect } from '../../ui/LabelledSelect';

/**
 * What the analysis views are limited to: one coder's highlights; documents published between two days, of one
 * outlet, or with one value of a document variable.
 */
export interface AnalysisFilterValue {
  coders?: string[];
  from?: string;
  to?: string;
  outlet?: string;
  variable?: { variableId: string; value: string };
}

/**
 * The filter every analysis view offers (coder, publication dates, outlet, a variable's value), as fields and the
 * filter they make. The filter is
 * the same object while the fields do not change, so a view can load its numbers when it changes.
 */
export function useAnalysisFilter(): { filter: AnalysisFilterValue; fields: React.JSX.Element } {
  const [coders, setCoders] = useState<CoderInfo[]>([]);
  const [coder, setCoder] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [outlet, setOutlet] = useState('');
  const [variableId, setVariableId] = useState('');
  const [value, setValue] = useState('');
  const documents = useAppStore((s) => s.documents);
  const variables = useAppStore((s) => s.variables);
  const outlets = useMemo(
    () => [...new Set(documents.map((d) => d.meta.outlet?.trim() ?? '').filter(Boolean))].sort(),
    [documents],
  );
  const variable = variables.find((v) => v.id === variableId);
  const values = useMemo(
    () =>
      variable
        ? [
            ...new Set(
              documents
                .map((d) => d.variables[variable.id])
                .filter((v) => v !== undefined)
                .map(String),
            ),
          ].sort()
        : [],
    [documents, variable],
  );
  useEffect(() => {
    void callApi('listCoders', {}).then(setCoders, () => setCoders([]));
  }, []);
  const filter = useMemo(
    () => ({
      ...(coder ? { coders: [coder] } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(outlet ? { outlet } : {}),
      ...(variableId && value ? { variable: { variableId, value } } : {}),
    }),
    [coder, from, to, outlet, variableId, value],
  );
  const fields = (
    <>
      <LabelledSelect
        label="Coder"
        value={coder}
        onChange={setCoder}
        options={[{ value: '', label: 'Every coder' }, ...coders.map((c) => ({ value: c.name, label: c.name }))]}
      />
      <label className="inline-label">
        Published from
        <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
      </label>
      <label className="inline-label">
        to
        <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
      </label>
      {outlets.length > 0 && (
        <LabelledSelect
          label="Outlet"
          value={outlet}
          onChange={setOutlet}
          options={[{ value: '', label: 'Every outlet' }, ...outlets.map((o) => ({ value: o, label: o }))]}
        />
      )}
      {variables.length > 0 && (
        <LabelledSelect
          label="Variable"
          value={variableId}
          onChange={(id) => {
            setVariableId(id);
            setValue('');
          }}
          options={[{ value: '', label: 'Any' }, ...variables.map((v) => ({ value: v.id, label: v.name }))]}
        />
      )}
      {variable && (
        <LabelledSelect
          label="is"
          value={value}
          onChange={setValue}
          options={[{ value: '', label: '(choose)' }, ...values.map((v) => ({ value: v, label: v }))]}
        />
      )}
    </>
  );
  return { filter, fields };
}
