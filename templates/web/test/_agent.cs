<section aria-labelledby="agent-h"><h2 id="agent-h">Agent</h2>
<dl class="facts small">
  <dt>Role</dt><dd><?cs if:agent.role ?><?cs var:agent.role ?><?cs else ?><code><?cs var:agent.id ?></code><?cs /if ?></dd>
<?cs if:agent.goal ?>  <dt>Goal</dt><dd><?cs var:agent.goal ?></dd><?cs /if ?>
<?cs if:agent.backstory ?>  <dt>Backstory</dt><dd class="clamp"><?cs var:agent.backstory ?></dd><?cs /if ?>
  <dt>Tools</dt><dd><?cs if:subcount(agent.tools) ?><?cs each:x = agent.tools ?><code class="tag"><?cs var:x ?></code> <?cs /each ?><?cs else ?><span class="muted">none</span><?cs /if ?></dd>
<?cs if:agent.model ?>  <dt>Spec model</dt><dd><?cs var:agent.model ?></dd><?cs /if ?>
  <dt>Project</dt><dd><a href="/projects/<?cs var:agent.project_id ?>"><?cs var:agent.project ?></a></dd>
</dl></section>
