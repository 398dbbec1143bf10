<?cs include:"layout/head.cs" ?>
<h1>Account</h1>
<p class="lede">Signed in as <strong><?cs var:user.name ?></strong> (<?cs var:user.role ?>).</p>
<?cs if:account.notice ?><p class="notice" role="status"><?cs var:account.notice ?></p><?cs /if ?>
<?cs if:account.error ?><p class="alert" role="alert"><?cs var:account.error ?></p><?cs /if ?>
<?cs if:account.new_key ?><p>Your new API key (send it as <code>Authorization: Bearer &lt;key&gt;</code>):</p>
<p><code class="secret" id="new-key"><?cs var:account.new_key ?></code></p><?cs /if ?>

<h2>Password</h2>
<form method="post" action="/account/password" class="form narrow">
  <input type="hidden" name="_csrf" value="<?cs var:csrf.token ?>">
  <label for="current">Current password</label>
  <input id="current" name="current" type="password" required autocomplete="current-password">
  <label for="password">New password (at least 12 characters)</label>
  <input id="password" name="password" type="password" required minlength="12" autocomplete="new-password">
  <label for="password2">New password again</label>
  <input id="password2" name="password2" type="password" required minlength="12" autocomplete="new-password">
  <button type="submit">Change password</button>
</form>

<h2>Sessions</h2>
<table class="table">
  <thead><tr><th scope="col">Signed in</th><th scope="col">Last seen</th><th scope="col">Address</th><th scope="col">Browser</th></tr></thead>
  <tbody>
  <?cs each:s = sessions ?><tr><td><?cs var:s.created ?><?cs if:s.current ?> (this one)<?cs /if ?></td><td><?cs var:s.seen ?></td><td><?cs var:s.address ?></td><td><?cs var:s.agent ?></td></tr>
  <?cs /each ?></tbody>
</table>
<form method="post" action="/account/sessions/revoke" class="form">
  <input type="hidden" name="_csrf" value="<?cs var:csrf.token ?>">
  <button type="submit">Sign out other sessions</button>
</form>

<h2>API keys</h2>
<p>For scripts and the desktop and mobile apps. A key acts as you, limited to its scope: read (GET only), write (no admin pages), admin.</p>
<table class="table">
  <thead><tr><th scope="col">Name</th><th scope="col">Key</th><th scope="col">Scope</th><th scope="col">Last used</th><th scope="col">Expires</th><th scope="col"></th></tr></thead>
  <tbody>
  <?cs each:k = keys ?><tr><td><?cs var:k.name ?></td><td><code><?cs var:k.prefix ?>…</code></td><td><?cs var:k.scope ?></td><td><?cs var:k.used ?></td><td><?cs var:k.expires ?></td>
    <td><?cs if:k.revoked ?>revoked<?cs else ?><div class="row-form">
      <form method="post" action="/account/keys/<?cs var:k.id ?>/rotate" class="inline"><input type="hidden" name="_csrf" value="<?cs var:csrf.token ?>"><button type="submit" class="link">Rotate</button></form>
      <form method="post" action="/account/keys/<?cs var:k.id ?>/revoke" class="inline"><input type="hidden" name="_csrf" value="<?cs var:csrf.token ?>"><button type="submit" class="link">Revoke</button></form>
    </div><?cs /if ?></td></tr>
  <?cs /each ?></tbody>
</table>
<form method="post" action="/account/keys" class="form narrow">
  <input type="hidden" name="_csrf" value="<?cs var:csrf.token ?>">
  <label for="key-name">Name</label>
  <input id="key-name" name="name" required maxlength="100">
  <label for="key-scope">Scope</label>
  <select id="key-scope" name="scope">
    <option value="read">read</option>
    <?cs if:account.can_write_keys ?><option value="write">write</option><?cs /if ?>
    <?cs if:account.can_admin_keys ?><option value="admin">admin</option><?cs /if ?>
  </select>
  <label for="key-expires">Expires</label>
  <select id="key-expires" name="expires">
    <option value="30">in 30 days</option><option value="90">in 90 days</option>
    <option value="365">in a year</option><option value="0">never</option>
  </select>
  <button type="submit">Create API key</button>
</form>
<?cs include:"layout/foot.cs" ?>
