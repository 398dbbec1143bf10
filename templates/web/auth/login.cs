<?cs include:"layout/head.cs" ?>
<h1>Sign in</h1>
<?cs if:login.error ?><p class="alert" role="alert"><?cs var:login.error ?></p><?cs /if ?>
<form method="post" action="/login" class="form narrow">
  <input type="hidden" name="_csrf" value="<?cs var:csrf.token ?>">
  <input type="hidden" name="next" value="<?cs var:login.next ?>">
  <label for="name">Name</label>
  <input id="name" name="name" autocomplete="username" required maxlength="64" value="<?cs var:login.name ?>" autofocus>
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <button type="submit">Sign in</button>
</form>
<?cs if:subcount(login.sso) ?>
<div class="form narrow sso">
  <p class="muted">Or sign in with your organisation's account:</p>
  <?cs each:p = login.sso ?><a class="button secondary" href="<?cs var:p.href ?>">Sign in with <?cs var:p.display ?></a>
  <?cs /each ?>
</div>
<?cs /if ?>
<?cs include:"layout/foot.cs" ?>