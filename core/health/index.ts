// The health capability: readiness checks and the report the health endpoints serve.

export {
  createReadiness,
  type CheckResult,
  type HealthReport,
  type Readiness,
  type ReadinessCheck,
  type ReadinessConfig,
  type ReportView,
} from './readiness.ts';
export { unconfiguredRouteChecks } from './route-checks.ts';
