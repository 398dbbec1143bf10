<?cs include:"layout/head.cs" ?>
<h1>Audit log</h1>
<p class="lede">Every state-changing request and every security event. <a href="/admin/users">Users</a></p>
<form method="get" action="/admin/audit" class="row-form">
  <label for="f-actor">Actor</label><input id="f-actor" name="actor" value="<?cs var:filter.actor ?>" maxlength="64">
  <label for="f-action">Action</label><input id="f-action" name="action" value="<?cs var:filter.action ?>" maxlength="100">
  <label for="f-from">From</label><input id="f-from" name="from" type="date" value="<?cs var:filter.from ?>">
  <label for="f-to">To</label><input id="f-to" name="to" type="date" value="<?cs var:filter.to ?>">
  <button type="submit" class="btn">Filter</button>
  <a href="/admin/audit.csv?<?cs var:filter.query ?>">Export CSV</a>
</form>
<table class="table">
  <thead><tr><th scope="col">Time</th><th scope="col">Actor</th><th scope="col">Action</th><th scope="col">Target</th><th scope="col">Address</th><th scope="col">Status</th></tr></thead>
  <tbody>
  <?cs each:a = audit ?><tr><td><?cs var:a.at ?></td><td><?cs var:a.actor ?></td><td><code><?cs var:a.action ?></code></td><td><?cs var:a.target ?></td><td title="<?cs var:a.agent ?>"><?cs var:a.address ?></td><td><?cs var:a.status ?></td></tr>
  <?cs /each ?></tbody>
</table>
<?cs include:"layout/foot.cs" ?>
