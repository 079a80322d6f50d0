import type { WebModule } from './module-types';
import { adminModule } from '../modules/admin';
import { auditModule } from '../modules/audit';
import { complaintsModule } from '../modules/complaints';
import { dashboardModule } from '../modules/dashboard';
import { maturityModule } from '../modules/maturity';
import { planModule } from '../modules/plan';
import { reportingModule } from '../modules/reporting';
import { riskModule } from '../modules/risk';

/**
 * The module registry: the only list the shell reads. A new feature area (the integrity
 * plan, reports, complaints…) adds its module here and touches nothing else in the shell.
 */
export const modules: WebModule[] = [dashboardModule, adminModule, auditModule, planModule, reportingModule, complaintsModule, maturityModule, riskModule];
