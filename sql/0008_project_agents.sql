-- 0008_project_agents: the wizard's agent edits a project was generated with (the drafts.agents
-- JSON of 0007, '' = the planner's agents), so "Regenerate with changes" starts from them.
ALTER TABLE projects ADD COLUMN agent_edits TEXT NOT NULL DEFAULT '';
