-- 0007_wizard_agents: the wizard's edited agents, and the look-ups of a user's recent ideas.
-- agents: '' = the planner's agents as they are; else a JSON array of
-- {"from": planned agent index or -1 for a new one, "id": name, "role": role}.
ALTER TABLE drafts ADD COLUMN agents TEXT NOT NULL DEFAULT '';
CREATE INDEX drafts_owner ON drafts (owner_id, updated_at DESC);
CREATE INDEX projects_owner ON projects (owner_id, updated_at DESC);
CREATE INDEX history_owner ON history (owner_id, created_at DESC);
