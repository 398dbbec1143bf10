<?cs include:"layout/head.cs" ?>
<h1>History</h1>
<form method="get" action="/history" class="filters" role="search">
  <label for="q" class="sr">Search</label><input id="q" name="q" type="search" value="<?cs var:filter.q ?>" placeholder="Search">
  <label for="kind" class="sr">Kind</label><select id="kind" name="kind"><option value="">Everything</option>
  <option value="generate"<?cs if:filter.kind == "generate" ?> selected<?cs /if ?>>Generations</option>
  <option value="regenerate"<?cs if:filter.kind == "regenerate" ?> selected<?cs /if ?>>Regenerations</option>
  <option value="run"<?cs if:filter.kind == "run" ?> selected<?cs /if ?>>Runs</option>
  <option value="build"<?cs if:filter.kind == "build" ?> selected<?cs /if ?>>Builds</option>
  <option value="delete"<?cs if:filter.kind == "delete" ?> selected<?cs /if ?>>Deletions</option></select>
  <label for="fw" class="sr">Framework</label><select id="fw" name="framework"><option value="">All frameworks</option><?cs each:f = frameworks ?><option value="<?cs var:f.id ?>"<?cs if:filter.framework == f.id ?> selected<?cs /if ?>><?cs var:f.name ?></option><?cs /each ?></select>
  <button type="submit" class="secondary">Filter</button>
</form>
<?cs if:subcount(items) == 0 ?><p class="empty">Nothing here yet.</p><?cs else ?>
<table class="table list">
  <thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">Project</th><th scope="col">Framework</th></tr></thead>
  <tbody><?cs each:h = items ?><tr><td class="nowrap"><?cs var:h.when ?></td><td><span class="badge kind-<?cs var:h.kind ?>"><?cs var:h.kind ?></span></td>
    <td class="main"><?cs if:h.project_id ?><a href="/projects/<?cs var:h.project_id ?>"><?cs var:h.title ?></a><?cs else ?><?cs var:h.title ?><?cs /if ?><div class="muted clip"><?cs var:h.detail ?></div></td>
    <td><?cs var:h.framework ?></td></tr><?cs /each ?></tbody>
</table><?cs /if ?>
<?cs include:"layout/foot.cs" ?>
