// Funnel back-calculation: from a goal (money or wins) down the stage-to-stage conversion
// rates to the volume every stage needs. Pure.
import { MAX_AMOUNT, MAX_AMOUNT_TEXT, rate, roundUpTo, show } from './num';

/** At most this many stages (MAX_STAGES − 1 rates): a real funnel has a handful. */
export const MAX_STAGES = 50;

/**
 * Stage volumes, top of the funnel first and wins last (`rates.length + 1` values).
 * `wins = goal / unitValue` when `unitValue` is given, else `goal`. Each upstream stage is the
 * stage below divided by its rate. With `roundUp` every stage (wins first) is the smallest whole
 * number whose × its rate reaches the stage below (wins: whose × unitValue reaches the goal), so
 * every stage can really be reached; a quotient within a few ulps of a whole number is that
 * number (57 / 0.57 is 100). Without it nothing is rounded.
 * Throws an Error (no function prefix) for a goal below 0, a unit value ≤ 0, a rate outside
 * (0, 1], more than MAX_STAGES stages, or a volume above MAX_AMOUNT.
 */
export function funnelVolumes(goal: number, rates: number[], unitValue?: number, roundUp = true): number[] {
  if (!(goal >= 0)) throw new Error(`goal ${show(goal)} ${goal < 0 ? 'is below 0' : 'is not a number'}`);
  if (unitValue !== undefined && !(unitValue > 0 && unitValue < Infinity)) {
    throw new Error(`unit_value ${show(unitValue)} must be above 0`);
  }
  if (rates.length > MAX_STAGES - 1) {
    const most = `a funnel has at most ${MAX_STAGES} stages (${MAX_STAGES - 1} rates)`;
    throw new Error(`rates has ${rates.length} conversion rates; ${most}`);
  }
  const clean = rates.map((r) => rate(r));
  const step = (below: number, by: number) => {
    const v = roundUp ? roundUpTo(below, by) : below / by;
    if (v <= MAX_AMOUNT) return v;
    const need = v < Infinity ? show(v) : 'more';
    throw new Error(
      `a stage would need ${need}, above ${MAX_AMOUNT_TEXT}, the largest volume computed exactly — ` +
        'check the goal, unit_value and rates',
    );
  };
  const out = [step(goal, unitValue ?? 1)];
  for (let i = clean.length; i--; ) out.push(step(out[out.length - 1], clean[i]));
  return out.reverse();
}
