/** Deadlines and reminders for every module (docs/development.md, "Deadlines and reminders"). */
export {
  registerDeadlineKind, type DeadlineKind, type DeadlineMail, type DeadlineMailContext, type DeadlineRecord, type DeadlineStep, type DeadlineVia,
} from './registry.js';
export {
  completeDeadline, deadlinesOf, listDue, removeDeadlinesOf, setDeadline, syncDeadlines, todayInBelgium, type DeadlineInput, type DueItem,
} from './service.js';
export { runDeadlineReminders, type DeadlineRunDeps, type DeadlineRunResult } from './run.js';
export { registerDeadlineJobs } from './jobs.js';
