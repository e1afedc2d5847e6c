// The plan's channels in validation and the health check (issue 17): validateChannels' errors and
// channelWarnings' warnings as PlanIssues, and the channel fields of validatePlan's clean copy. The
// checks themselves (and their words) are src/core/channels/check.ts; validate.ts and health.ts each
// call in here at one place.
import { channelWarnings, cleanChannels, validateChannels, type ChannelFinding } from './channels';
import type { Plan } from './plan';
import { funnelTargets, isObj, type PlanIssue } from './validate';

type Obj = Record<string, unknown>;
/** null, undefined and a blank string all mean "not given" for an optional field. */
const absent = (v: unknown) => v == null || (typeof v === 'string' && !v.trim());

/** The value at a finding's path (`plan.funnel.channels[2].share`) in the plan as given. */
function valueAt(plan: unknown, path: string): unknown {
  let v: unknown = plan;
  for (const key of path.replace(/^plan\.?/, '').match(/[^.[\]]+/g) ?? []) {
    if (Array.isArray(v)) v = v[Number(key)];
    else if (isObj(v)) v = v[key];
    else return undefined;
  }
  return v ?? undefined;
}

/** A channel finding as the PlanIssue validate.ts and health.ts work with. */
function asIssue(f: ChannelFinding, value: unknown): PlanIssue {
  const out: PlanIssue = {
    level: f.level,
    path: f.path,
    value,
    criterion: f.criterion,
    message: `${f.path}: ${f.message.en}`,
    text: { en: f.message.en, ja: f.message.ja },
  };
  if (f.channel !== undefined) out.channel = f.channel;
  return out;
}

/**
 * The channel part of validatePlan: appends the errors of the plan's channel fields to `issues`
 * (with the funnel's back-calculated volumes when the rest of the plan is valid, so the channels are
 * checked against the stage they split) and, when there are none, puts the cleaned channel fields
 * into `copy` (funnel.channels, funnel.channelStage, kgi.grossMargin, kgi.acquisitionShare).
 * Returns `copy`. Never throws.
 */
export function checkPlanChannels(plan: unknown, copy: Plan | undefined, issues: PlanIssue[]): Plan | undefined {
  let volumes: number[] | undefined;
  if (copy && !issues.length) {
    try {
      volumes = funnelTargets(copy);
    } catch {
      // The funnel's own error is reported by validate.ts.
    }
  }
  const findings = validateChannels(plan, volumes && { volumes });
  for (const f of findings) issues.push(asIssue(f, valueAt(plan, f.path)));
  if (!copy || findings.length || !isObj(plan)) return copy;
  const funnel = isObj(plan.funnel) ? plan.funnel : {};
  const kgi: Obj = isObj(plan.kgi) ? plan.kgi : {};
  const channels = cleanChannels(funnel.channels);
  if (channels) copy.funnel.channels = channels;
  if (!absent(funnel.channelStage)) copy.funnel.channelStage = funnel.channelStage as number;
  if (!absent(kgi.grossMargin)) copy.kgi.grossMargin = kgi.grossMargin as number;
  if (!absent(kgi.acquisitionShare)) copy.kgi.acquisitionShare = kgi.acquisitionShare as number;
  return copy;
}

/** The health-check warnings of a valid plan's channels (none without channels), in the plan's order. */
export function channelHealthWarnings(plan: Plan): PlanIssue[] {
  if (!plan.funnel.channels?.length) return [];
  return channelWarnings(plan, { volumes: funnelTargets(plan) }).map((f) => asIssue(f, undefined));
}
