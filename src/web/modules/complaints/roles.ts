import type { Role } from '../../../shared/roles';

/** Sees every complaint, triages, assigns, forwards, registers and sets up the desk. */
export const COORDINATOR: Role = 'complaints_coordinator';
/** Sees and handles only the complaints assigned to them. */
export const HANDLER: Role = 'complaint_handler';
