import { stanceValues, type StanceValue } from '../../../../shared/domain';

/**
 * Stances travel to QDA tools as codes, so that tools that know only codes lose none: a parent code "Stances" and a
 * code per holder → target → value used, named `holder → target: value` ("someone" for an unknown holder). Read
 * back, the first " → " ends the holder and the last ": " starts the value.
 */

export const STANCES_CODE_NAME = 'Stances';
export const UNKNOWN_HOLDER = 'someone';

export function stanceCodeName(holder: string | null, target: string, stance: StanceValue): string {
  return `${holder ?? UNKNOWN_HOLDER} → ${target}: ${stance}`;
}

export function parseStanceCodeName(
  name: string,
): { holder: string | null; target: string; stance: StanceValue } | null {
  const arrow = name.indexOf(' → ');
  const colon = name.lastIndexOf(': ');
  if (arrow <= 0 || colon <= arrow + 3) return null;
  const stance = name.slice(colon + 2) as StanceValue;
  if (!stanceValues.includes(stance)) return null;
  const holder = name.slice(0, arrow);
  return { holder: holder === UNKNOWN_HOLDER ? null : holder, target: name.slice(arrow + 3, colon), stance };
}
