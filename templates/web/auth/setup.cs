<?cs include:"layout/head.cs" ?>
<h1>Set up agent-generator</h1>
<p class="lede">Create the first administrator. The setup token was printed on the server by
<code>make run</code> or <code>agentgen setup-token</code> (the package writes it to the journal); it works once and for 24 hours.</p>
<?cs if:setup.error ?><p class="alert" role="alert"><?cs var:setup.error ?></p><?cs /if ?>
<form method="post" action="/setup" class="form narrow">
  <input type="hidden" name="_csrf" value="<?cs var:csrf.token ?>">
  <label for="token">Setup token</label>
  <input id="token" name="token" required autocomplete="off" spellcheck="false">
  <label for="name">Administrator name</label>
  <input id="name" name="name" required maxlength="64" autocomplete="username" value="<?cs var:setup.name ?>">
  <label for="password">Password (at least <?cs var:setup.min ?> characters)</label>
  <input id="password" name="password" type="password" required minlength="<?cs var:setup.min ?>" autocomplete="new-password">
  <label for="password2">Password again</label>
  <input id="password2" name="password2" type="password" required minlength="<?cs var:setup.min ?>" autocomplete="new-password">
  <button type="submit">Create administrator and sign in</button>
</form>
<?cs include:"layout/foot.cs" ?>
