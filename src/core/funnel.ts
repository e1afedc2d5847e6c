// Funnel back-calculation: from a goal (money or wins) down the stage-to-stage conversion
// rates to the volume every stage needs. Pure.
import { ceilClean, finite, rateProblem, show } from './num';

/**
 * Stage volumes, top of the funnel first and wins last (`rates.length + 1` values).
 * `wins = goal / unitValue` when `unitValue` is given, else `goal`. Each upstream stage is the
 * stage below divided by its rate. With `roundUp` every stage (wins first) is rounded up,
 * ignoring floating-point noise; without it nothing is rounded.
 * Throws an Error (no function prefix) for a negative goal, a unit value ≤ 0, a rate outside
 * (0, 1] or a result that overflows.
 */
export function funnelVolumes(goal: number, rates: number[], unitValue?: number, roundUp = true): number[] {
  if (!Number.isFinite(goal)) throw new Error(`goal ${show(goal)} is not a number`);
  if (goal < 0) throw new Error(`goal ${show(goal)} is below 0`);
  if (unitValue !== undefined && !(Number.isFinite(unitValue) && unitValue > 0)) {
    throw new Error(`unit value ${show(unitValue)} must be above 0 (the average value of one win)`);
  }
  for (const r of rates) {
    const problem = rateProblem(r);
    if (problem) throw new Error(problem);
  }
  const round = roundUp ? ceilClean : (x: number) => x;
  const out = new Array<number>(rates.length + 1);
  let v = round(finite(unitValue === undefined ? goal : goal / unitValue));
  out[rates.length] = v;
  for (let i = rates.length - 1; i >= 0; i--) {
    v = round(finite(v / rates[i]));
    out[i] = v;
  }
  return out;
}
