-- The role assignments of one person in every organisation, for resolving a session cookie in a
-- single statement (no BEGIN / set_config / COMMIT around it: one round trip per request instead
-- of four). The function sets the system scope only while it runs (SET clause), so row-level
-- security lets it read the person's assignments of every organisation and nothing else changes
-- for the caller. Which assignments are current stays in the caller's query (currentRoleCondition).
CREATE OR REPLACE FUNCTION kompas_role_assignments_of(p_user uuid) RETURNS SETOF role_assignment
LANGUAGE sql STABLE
SET kompas.scope = 'system'
AS $$ SELECT * FROM role_assignment WHERE user_id = p_user $$;
