<?cs include:"layout/head.cs" ?>
<h1>Delete “<?cs var:project.name ?>”?</h1>
<p>This removes the project and its <?cs var:project.files ?> files. Its history entries stay. This cannot be undone.</p>
<form method="post" action="/projects/<?cs var:project.id ?>/delete" class="actions"><?cs include:"layout/csrf.cs" ?>
  <input type="hidden" name="confirm" value="1">
  <a class="button secondary" href="/projects/<?cs var:project.id ?>">Cancel</a> <button type="submit" class="danger">Delete project</button></form>
<?cs include:"layout/foot.cs" ?>
