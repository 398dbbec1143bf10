<?cs include:"layout/head.cs" ?>
<h1>Delete provider</h1>
<p>Delete <strong><?cs var:provider.name ?></strong> (<code><?cs var:provider.base_url ?></code>)? Runs and sessions that used it keep their history; new turns go to the default provider.</p>
<form method="post" action="/settings/providers/<?cs var:provider.id ?>/delete" class="actions"><?cs include:"layout/csrf.cs" ?><input type="hidden" name="confirm" value="1">
  <button type="submit" class="danger">Delete provider</button> <a class="button secondary" href="/settings/providers">Cancel</a></form>
<?cs include:"layout/foot.cs" ?>
