// Placeholder: the declarative table of KPI_* custom functions lands here (issue 2).
export interface ParamSpec { name: string; help: string; jsType?: string; optional?: boolean }
export interface FunctionSpec { name: string; description: string; returns: string; params: ParamSpec[] }
export const FUNCTIONS: FunctionSpec[] = [];
export const functions: Record<string, (...args: unknown[]) => unknown> = {};
