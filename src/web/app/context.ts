import { createContext, useContext } from 'react';
import type { ModuleContext } from './module-types';

export const OrgContext = createContext<ModuleContext | null>(null);

/** The organisation in view and the person's roles there (inside /o/:orgId pages). */
export function useOrg(): ModuleContext {
  const ctx = useContext(OrgContext);
  if (!ctx) throw new Error('useOrg() outside an organisation page');
  return ctx;
}
