import type { z } from 'zod';
import type {
  filedResponse, newReportBody, publicChannelView, settingsView,
} from '../../../server/modules/reporting/contract';

/**
 * Shapes of the reporting API, straight from the server contract (types only: nothing of the
 * server is bundled).
 */
export type {
  AnswerView, DeadlineView as Deadline, FileView, IdentityMode, MessageView, Outcome, PortalView, Question, ReportListItem, ReportStatus,
  ReportSummary, ReportView,
} from '../../../server/modules/reporting/contract';

export type Lang = 'nl' | 'fr' | 'de' | 'en';
export type Texts = Partial<Record<Lang, string>>;
export type QuestionKind = 'text' | 'longtext' | 'date' | 'choice';

export type PublicReporting = z.infer<typeof publicChannelView>;
export type Recipient = PublicReporting['recipients'][number];
/** The body of a new report (public portal and the counsellor's form alike). */
export type NewReport = z.input<typeof newReportBody>;
export type Filed = z.infer<typeof filedResponse>;
export type ReportSettings = z.infer<typeof settingsView>;
export type SettingsRecipient = ReportSettings['recipients'][number];
export type Candidate = ReportSettings['candidates'][number];

export interface EscrowInfo {
  fingerprint: string;
  createdAt: string;
}
