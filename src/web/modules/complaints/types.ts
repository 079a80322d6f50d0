import type { z } from 'zod';
import type { optionsView, settingsView, staffList } from '../../../server/modules/complaints/contract';

/**
 * Shapes of the complaints API, straight from the server contract (types only: nothing of the
 * server is bundled).
 */
export type {
  Action, Channel, ComplaintStatus, ComplaintView, Decision, DeadlineView, EntryKind, EntryBody, FiledResponse, FileView, ForwardBody,
  ListItem, PublicComplaintBody, PublicDeskView, SettingsBody, StaffComplaintBody, StatusView, Theme, TriageBody, AnswerBody, CloseBody,
} from '../../../server/modules/complaints/contract';

export type Lang = 'nl' | 'fr' | 'de' | 'en';
export type Texts = Partial<Record<Lang, string>>;
export type Options = z.infer<typeof optionsView>;
export type ThemeView = Options['themes'][number];
export type Settings = z.infer<typeof settingsView>;
export type StaffHit = z.infer<typeof staffList>['items'][number];
