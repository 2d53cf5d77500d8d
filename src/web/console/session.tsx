// The signed-in user, shared by every page: who they are, what they may do, and signing out.
import { createContext, useContext } from 'react';
import type { Me } from '../common/types.ts';
import type { Action } from '../common/wire.ts';

export interface Session {
  me: Me;
  /** Whether the user's role may perform the action somewhere (the server still checks scope). */
  can: (action: Action) => boolean;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in layout');
  return session;
}

/** Roles that see houses of more than one street (and so get a street filter and the street overview). */
export const DISTRICT_WIDE_ROLES = ['district_admin', 'inspector'];
/** Roles that work inside one house. */
export const HOUSE_ROLES = ['carer', 'health_staff', 'house_manager', 'volunteer'];
/** The three security roles (三员). */
export const SECURITY_ROLES = ['system_admin', 'security_admin', 'audit_admin'];
