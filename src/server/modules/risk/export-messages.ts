/**
 * Labels of the risk analysis's Word, PDF and CSV exports (one analysis, the register) and of the
 * oversight overview of high-rated processes. Translations: locales/translations/risk-export.json.
 */
export const riskExportLabels = {
  analysisTitle: /*i18n*/ { id: 'risk.export.analysis_title', message: 'Integrity risk analysis' },
  registerTitle: /*i18n*/ { id: 'risk.export.register_title', message: 'Integrity risk register' },
  registerFile: /*i18n*/ { id: 'risk.export.register_file', message: 'Risk register {date}' },
  generatedOn: /*i18n*/ { id: 'risk.export.generated_on', message: 'Generated on {date}' },
  status: /*i18n*/ { id: 'risk.export.status', message: 'Status' },
  moderator: /*i18n*/ { id: 'risk.export.moderator', message: 'Moderator' },
  started: /*i18n*/ { id: 'risk.export.started', message: 'Scoring started' },
  completed: /*i18n*/ { id: 'risk.export.completed', message: 'Completed' },
  scope: /*i18n*/ { id: 'risk.export.scope', message: 'Scope' },
  scopeNone: /*i18n*/ { id: 'risk.export.scope_none', message: 'No scope note.' },
  participants: /*i18n*/ { id: 'risk.export.participants', message: 'Participants' },
  matrix: /*i18n*/ { id: 'risk.export.matrix', message: 'Risk matrix' },
  matrixNote: /*i18n*/ { id: 'risk.export.matrix_note', message: 'Band of each cell: likelihood in the rows, impact in the columns ({likelihood} × {impact}).' },
  likelihoodImpact: /*i18n*/ { id: 'risk.export.likelihood_impact', message: 'Likelihood / impact' },
  processes: /*i18n*/ { id: 'risk.export.processes', message: 'Processes and functions' },
  summary: /*i18n*/ { id: 'risk.export.summary', message: 'Agreed assessments' },
  process: /*i18n*/ { id: 'risk.export.process', message: 'Process or function' },
  kind: /*i18n*/ { id: 'risk.export.kind', message: 'Kind' },
  catalogueCode: /*i18n*/ { id: 'risk.export.catalogue_code', message: 'Catalogue code' },
  inherentScore: /*i18n*/ { id: 'risk.export.inherent_score', message: 'Inherent vulnerability (0–15)' },
  aggravatingScore: /*i18n*/ { id: 'risk.export.aggravating_score', message: 'Aggravating factors (0–12)' },
  vulnerability: /*i18n*/ { id: 'risk.export.vulnerability', message: 'Vulnerability' },
  likelihood: /*i18n*/ { id: 'risk.export.likelihood', message: 'Likelihood' },
  impact: /*i18n*/ { id: 'risk.export.impact', message: 'Impact' },
  riskScore: /*i18n*/ { id: 'risk.export.risk_score', message: 'Risk score' },
  band: /*i18n*/ { id: 'risk.export.band', message: 'Residual risk' },
  reason: /*i18n*/ { id: 'risk.export.reason', message: 'Reason for the agreed score' },
  comment: /*i18n*/ { id: 'risk.export.comment', message: 'Comment' },
  notAgreed: /*i18n*/ { id: 'risk.export.not_agreed', message: 'No agreed score yet.' },
  controls: /*i18n*/ { id: 'risk.export.controls', message: 'Existing controls' },
  controlsNone: /*i18n*/ { id: 'risk.export.controls_none', message: 'No controls recorded.' },
  control: /*i18n*/ { id: 'risk.export.control', message: 'Control' },
  controlType: /*i18n*/ { id: 'risk.export.control_type', message: 'Type' },
  effectiveness: /*i18n*/ { id: 'risk.export.effectiveness', message: 'Effectiveness' },
  recommendations: /*i18n*/ { id: 'risk.export.recommendations', message: 'Recommendations' },
  recommendationsNone: /*i18n*/ { id: 'risk.export.recommendations_none', message: 'No recommendations.' },
  recommendation: /*i18n*/ { id: 'risk.export.recommendation', message: 'Recommendation' },
  owner: /*i18n*/ { id: 'risk.export.owner', message: 'Owner' },
  dueDate: /*i18n*/ { id: 'risk.export.due_date', message: 'Due date' },
  recommendationStatus: /*i18n*/ { id: 'risk.export.recommendation_status', message: 'Follow-up' },
  planEntry: /*i18n*/ { id: 'risk.export.plan_entry', message: 'Plan entry' },
  planNone: /*i18n*/ { id: 'risk.export.plan_none', message: 'not in the plan' },
  planGone: /*i18n*/ { id: 'risk.export.plan_gone', message: 'removed from the plan' },
  late: /*i18n*/ { id: 'risk.export.late', message: 'late' },
  part: /*i18n*/ { id: 'risk.export.part', message: 'Part' },
  partAssessment: /*i18n*/ { id: 'risk.export.part_assessment', message: 'Assessment' },
  partControl: /*i18n*/ { id: 'risk.export.part_control', message: 'Control' },
  partRecommendation: /*i18n*/ { id: 'risk.export.part_recommendation', message: 'Recommendation' },
  analysis: /*i18n*/ { id: 'risk.export.analysis', message: 'Analysis' },
  // Register
  reviewDate: /*i18n*/ { id: 'risk.export.review_date', message: 'Review date' },
  reviewOverdue: /*i18n*/ { id: 'risk.export.review_overdue', message: 'Review overdue' },
  currentBand: /*i18n*/ { id: 'risk.export.current_band', message: 'Current band' },
  lastAnalysis: /*i18n*/ { id: 'risk.export.last_analysis', message: 'Latest completed analysis' },
  trend: /*i18n*/ { id: 'risk.export.trend', message: 'Trend' },
  highWithoutAction: /*i18n*/ { id: 'risk.export.high_without_action', message: 'High risk without action' },
  openRecommendations: /*i18n*/ { id: 'risk.export.open_recommendations', message: 'Open recommendations' },
  lateRecommendations: /*i18n*/ { id: 'risk.export.late_recommendations', message: 'Late recommendations' },
  lateActions: /*i18n*/ { id: 'risk.export.late_actions', message: 'Late plan actions' },
  notAnalysed: /*i18n*/ { id: 'risk.export.not_analysed', message: 'not analysed' },
  yes: /*i18n*/ { id: 'risk.export.yes', message: 'yes' },
  no: /*i18n*/ { id: 'risk.export.no', message: 'no' },
  totals: /*i18n*/ { id: 'risk.export.totals', message: 'Totals' },
  totalProcesses: /*i18n*/ { id: 'risk.export.total_processes', message: 'Processes and functions in the register' },
  totalAnalysed: /*i18n*/ { id: 'risk.export.total_analysed', message: 'Analysed' },
  register: /*i18n*/ { id: 'risk.export.register', message: 'Register' },
  // Oversight
  oversightTitle: /*i18n*/ { id: 'risk.oversight.title', message: 'Processes most often rated high risk' },
  oversightFile: /*i18n*/ { id: 'risk.oversight.file', message: 'Processes rated high risk {date}' },
  oversightNote: /*i18n*/ { id: 'risk.oversight.note', message: 'Per catalogue process: how many organisations rated it high or very high in the latest completed analysis that covered it. Only processes taken from the catalogue are compared. A count below the suppression threshold of the organisations it describes is not shown.' },
  organisationKind: /*i18n*/ { id: 'risk.oversight.organisation_kind', message: 'Organisations' },
  allKinds: /*i18n*/ { id: 'risk.oversight.all_kinds', message: 'All organisations' },
  zones: /*i18n*/ { id: 'risk.oversight.zones', message: 'Local police zones' },
  federal: /*i18n*/ { id: 'risk.oversight.federal', message: 'Federal police' },
  ratedHigh: /*i18n*/ { id: 'risk.oversight.rated_high', message: 'Organisations that rated it high or very high' },
  suppressed: /*i18n*/ { id: 'risk.oversight.suppressed', message: 'too few to show' },
  organisationsWithAnalysis: /*i18n*/ { id: 'risk.oversight.organisations_with_analysis', message: 'Organisations with a completed analysis of catalogue processes' },
};

export const riskBandLabels = {
  low: /*i18n*/ { id: 'risk.export.band.low', message: 'low' },
  medium: /*i18n*/ { id: 'risk.export.band.medium', message: 'medium' },
  high: /*i18n*/ { id: 'risk.export.band.high', message: 'high' },
  very_high: /*i18n*/ { id: 'risk.export.band.very_high', message: 'very high' },
};

export const riskStatusLabels = {
  draft: /*i18n*/ { id: 'risk.export.status.draft', message: 'draft' },
  scoring: /*i18n*/ { id: 'risk.export.status.scoring', message: 'scoring' },
  consolidating: /*i18n*/ { id: 'risk.export.status.consolidating', message: 'consolidation' },
  completed: /*i18n*/ { id: 'risk.export.status.completed', message: 'completed' },
};

export const riskKindLabels = {
  process: /*i18n*/ { id: 'risk.export.kind.process', message: 'process' },
  function: /*i18n*/ { id: 'risk.export.kind.function', message: 'function' },
};

export const riskControlTypeLabels = {
  preventive: /*i18n*/ { id: 'risk.export.control.preventive', message: 'preventive' },
  detective: /*i18n*/ { id: 'risk.export.control.detective', message: 'detective' },
  reactive: /*i18n*/ { id: 'risk.export.control.reactive', message: 'reactive' },
};

export const riskEffectivenessLabels = {
  effective: /*i18n*/ { id: 'risk.export.effectiveness.effective', message: 'effective' },
  partly: /*i18n*/ { id: 'risk.export.effectiveness.partly', message: 'partly effective' },
  ineffective: /*i18n*/ { id: 'risk.export.effectiveness.ineffective', message: 'ineffective' },
  unknown: /*i18n*/ { id: 'risk.export.effectiveness.unknown', message: 'unknown' },
};

export const riskRecommendationStatusLabels = {
  open: /*i18n*/ { id: 'risk.export.rec.open', message: 'open' },
  in_progress: /*i18n*/ { id: 'risk.export.rec.in_progress', message: 'in progress' },
  done: /*i18n*/ { id: 'risk.export.rec.done', message: 'done' },
  dropped: /*i18n*/ { id: 'risk.export.rec.dropped', message: 'dropped' },
};

export const riskMovementLabels = {
  up: /*i18n*/ { id: 'risk.export.movement.up', message: 'worse' },
  down: /*i18n*/ { id: 'risk.export.movement.down', message: 'better' },
  same: /*i18n*/ { id: 'risk.export.movement.same', message: 'unchanged' },
  new: /*i18n*/ { id: 'risk.export.movement.new', message: 'first analysis' },
  removed: /*i18n*/ { id: 'risk.export.movement.removed', message: 'no longer analysed' },
};
