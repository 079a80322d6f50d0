-- kompas_role_assignments_of (migration 0021) runs on every request. As a LANGUAGE sql function
-- with a SET clause it cannot be inlined, and PostgreSQL parsed and planned its query again on
-- every call; in PL/pgSQL the plan is kept for the connection's life. Same signature, same SET
-- clause (system scope for the duration of the call only), same rows.
CREATE OR REPLACE FUNCTION kompas_role_assignments_of(p_user uuid) RETURNS SETOF role_assignment
LANGUAGE plpgsql STABLE
SET kompas.scope = 'system'
AS $$
BEGIN
  RETURN QUERY SELECT * FROM role_assignment WHERE user_id = p_user;
END
$$;
