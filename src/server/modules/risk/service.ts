/**
 * The risk analysis service (issue 21): the organisation's matrix and inventory, analyses run as a
 * workshop (scope, independent scores, consolidation, controls, recommendations, completion, then
 * locked), recommendations turned into plan entries in one transaction, and the read models of the
 * web (detail, consolidation, register, heat map, comparison). One factory over a shared context
 * (risk-context.ts) returning the union of the sub-services, one file per capability. Rules in
 * policy.ts and scoring.ts, queries in repo.ts; every read and write is audited in its transaction
 * (the analyses and the register are internal-confidential).
 */
import { makeRiskContext, type RiskDeps } from './risk-context.js';
import { makeRiskInventory } from './risk-inventory.js';
import { makeRiskMeasures } from './risk-measures.js';
import { makeRiskRegister } from './risk-register.js';
import { makeRiskWorkshop } from './risk-workshop.js';

export type { RiskCtx, RiskDeps } from './risk-context.js';

export function makeRiskService(deps: RiskDeps) {
  const ctx = makeRiskContext(deps);
  return {
    ...makeRiskInventory(ctx),
    ...makeRiskWorkshop(ctx),
    ...makeRiskMeasures(ctx),
    ...makeRiskRegister(ctx),
  };
}

export type RiskService = ReturnType<typeof makeRiskService>;
