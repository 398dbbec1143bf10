<?cs include:"layout/head.cs" ?>
<h1>Users</h1>
<p class="lede">Roles: <strong>viewer</strong> reads, <strong>editor</strong> creates and runs, <strong>admin</strong> manages users, settings and the <a href="/admin/audit">audit log</a>.</p>
<?cs if:admin.notice ?><p class="notice" role="status"><?cs var:admin.notice ?></p><?cs /if ?>
<?cs if:admin.secret ?><p><code class="secret" id="one-time-password"><?cs var:admin.secret ?></code></p><?cs /if ?>
<?cs if:admin.error ?><p class="alert" role="alert"><?cs var:admin.error ?></p><?cs /if ?>
<table class="table">
  <thead><tr><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Created</th><th scope="col">State</th><th scope="col">Actions</th></tr></thead>
  <tbody>
  <?cs each:u = users ?><tr><td><?cs var:u.name ?><?cs if:u.self ?> (you)<?cs /if ?></td>
    <td><form method="post" action="/admin/users/<?cs var:u.id ?>/role" class="row-form"><input type="hidden" name="_csrf" value="<?cs var:csrf.token ?>">
      <select name="role" aria-label="Role of <?cs var:u.name ?>"><option value="viewer"<?cs if:u.role == "viewer" ?> selected<?cs /if ?>>viewer</option><option value="editor"<?cs if:u.role == "editor" ?> selected<?cs /if ?>>editor</option><option value="admin"<?cs if:u.role == "admin" ?> selected<?cs /if ?>>admin</option></select>
      <button type="submit" class="link">Change</button></form></td>
    <td><?cs var:u.created ?></td>
    <td><?cs if:u.disabled ?>disabled<?cs else ?>active<?cs /if ?></td>
    <td><div class="row-form">
      <?cs if:!u.self ?><form method="post" action="/admin/users/<?cs var:u.id ?>/<?cs if:u.disabled ?>enable<?cs else ?>disable<?cs /if ?>" class="inline"><input type="hidden" name="_csrf" value="<?cs var:csrf.token ?>"><button type="submit" class="link"><?cs if:u.disabled ?>Enable<?cs else ?>Disable<?cs /if ?></button></form><?cs /if ?>
      <form method="post" action="/admin/users/<?cs var:u.id ?>/reset" class="inline"><input type="hidden" name="_csrf" value="<?cs var:csrf.token ?>"><button type="submit" class="link">Reset password</button></form>
    </div></td></tr>
  <?cs /each ?></tbody>
</table>
<h2>New user</h2>
<form method="post" action="/admin/users" class="form narrow">
  <input type="hidden" name="_csrf" value="<?cs var:csrf.token ?>">
  <label for="name">Name</label>
  <input id="name" name="name" required maxlength="64">
  <label for="role">Role</label>
  <select id="role" name="role"><option value="viewer">viewer</option><option value="editor" selected>editor</option><option value="admin">admin</option></select>
  <button type="submit">Create user (one-time password)</button>
</form>
<?cs include:"layout/foot.cs" ?>
