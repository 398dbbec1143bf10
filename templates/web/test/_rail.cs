<nav class="test-rail" aria-label="Agents">
  <form method="get" action="/test" role="search" class="rail-search"><label for="rail-q" class="sr">Search agents</label><input id="rail-q" name="q" type="search" value="<?cs var:rail.q ?>" placeholder="Search agents" data-rail-search></form>
<?cs if:subcount(rail.projects) == 0 ?>  <p class="hint">No projects<?cs if:rail.q ?> match<?cs /if ?>. <a href="/generate">Generate one</a> to test its agents.</p>
<?cs else ?>  <ul class="rail-projects"><?cs each:p = rail.projects ?>
    <li data-rail-project><div class="rail-project" title="<?cs var:p.name ?>"><span class="dot st-<?cs var:p.state ?>" aria-hidden="true"></span><a href="/projects/<?cs var:p.id ?>"><?cs var:p.name ?></a></div>
      <ul><?cs each:a = p.agents ?><li data-rail-agent><a class="rail-agent<?cs if:a.selected ?> sel<?cs /if ?>" href="/test?project=<?cs var:p.id ?>&amp;agent=<?cs var:url_escape(a.id) ?>"<?cs if:a.selected ?> aria-current="true"<?cs /if ?>><span class="dot st-<?cs var:a.state ?>" title="<?cs if:a.state ?><?cs var:a.state ?><?cs else ?>no turns yet<?cs /if ?>"></span><span class="rail-agent-role"><?cs var:a.role ?></span> <code><?cs var:a.id ?></code></a></li><?cs /each ?></ul></li><?cs /each ?>
  </ul>
<?cs /if ?><?cs if:subcount(recent) ?>  <h2 class="rail-h">Recent sessions</h2>
  <ul class="recent"><?cs each:s = recent ?><li><a href="/test/<?cs var:s.id ?>"<?cs if:s.id == session.id ?> aria-current="page" class="sel"<?cs /if ?>><?cs var:s.agent ?> <span class="muted">· <?cs var:s.project ?></span></a><span class="hint"><?cs var:s.when ?></span></li><?cs /each ?></ul>
<?cs /if ?><?cs if:user.can_edit ?>  <form method="post" action="/test/load" enctype="multipart/form-data" class="rail-load" data-autosubmit data-load-form><?cs include:"layout/csrf.cs" ?>
    <label for="spec-file">Load from file…</label><input id="spec-file" name="spec" type="file" accept=".json,application/json" required<?cs if:load.error ?> aria-invalid="true" aria-describedby="load-err"<?cs /if ?>><button type="submit" class="secondary js-hide">Load</button>
<?cs if:load.error ?>    <p id="load-err" class="notice err"><?cs var:load.error ?></p>
<?cs /if ?>    <p class="hint">A spec JSON becomes a project you can test.</p></form>
<?cs /if ?></nav>
