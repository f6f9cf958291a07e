// Reporters are pure functions over a RunResult: they never see roles or checks.
export { createProgress, renderSummary, resolveColor, type Progress, type ProgressOptions, type ReporterName } from './console.js';
export { ctrfJson, toCtrf, type CtrfReport } from './ctrf.js';
export { toJunit, type JunitOptions } from './junit.js';
export { ReportWriteError, writeReport } from './write.js';
