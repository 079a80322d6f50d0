import { z } from 'zod';

/**
 * A person with an account as the contracts show them (moderator, assessor, who decided) and the
 * list of people one may name in a role. Only zod here: the web app imports the contracts that use it.
 */
export const personRef = z.object({ userId: z.uuid(), displayName: z.string() });
export type PersonRef = z.infer<typeof personRef>;
export const candidateList = z.object({ items: z.array(personRef) });
export type CandidateList = z.infer<typeof candidateList>;
