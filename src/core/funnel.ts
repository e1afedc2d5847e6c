// Funnel back-calculation: from a goal (money or wins) down the stage-to-stage conversion
// rates to the volume every stage needs. Pure.
import { finite, rate, show, snap } from './num';

/**
 * Stage volumes, top of the funnel first and wins last (`rates.length + 1` values).
 * `wins = goal / unitValue` when `unitValue` is given, else `goal`. Each upstream stage is the
 * stage below divided by its rate. With `roundUp` every stage (wins first) is rounded up,
 * ignoring floating-point noise (57 / 0.57 is 100); without it nothing is rounded.
 * Throws an Error (no function prefix) for a goal below 0, a unit value ≤ 0, a rate outside
 * (0, 1] or a result that overflows.
 */
export function funnelVolumes(goal: number, rates: number[], unitValue?: number, roundUp = true): number[] {
  if (!(goal >= 0)) throw new Error(`goal ${show(goal)} ${goal < 0 ? 'is below 0' : 'is not a number'}`);
  if (unitValue !== undefined && !(unitValue > 0)) throw new Error(`unit_value ${show(unitValue)} must be above 0`);
  rates.forEach((r) => rate(r));
  const round = (x: number) => (roundUp ? Math.ceil(snap(finite(x))) : finite(x));
  const out = [round(unitValue === undefined ? goal : goal / unitValue)];
  for (let i = rates.length; i--; ) out.unshift(round(out[0] / rates[i]));
  return out;
}
