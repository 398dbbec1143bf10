<?cs include:"layout/head.cs" ?>
<h1>Tools</h1>
<?cs include:"generate/_steps.cs" ?>
<form method="post" action="/generate/tools?d=<?cs var:url_escape(draft.id) ?>" class="form wizard" data-submit-shortcut>
  <?cs include:"layout/csrf.cs" ?>
  <p class="hint">Leave everything unticked to let the planner choose tools from what the idea asks for.</p>
  <div class="cards tool-cards">
  <?cs each:t = tools ?><label class="card pick small<?cs if:t.checked == "1" ?> picked<?cs /if ?>">
    <input type="checkbox" name="tool" value="<?cs var:t.id ?>"<?cs if:t.checked == "1" ?> checked<?cs /if ?>>
    <span class="card-title"><?cs var:t.name ?></span>
    <span class="card-body"><?cs var:t.description ?></span>
    <span class="meta"><?cs var:t.category ?> · needs <span class="badge perm-<?cs var:t.permission ?>"><?cs var:t.permission ?></span></span>
  </label>
  <?cs /each ?></div>
  <label class="check"><input type="checkbox" name="memory" value="1"<?cs if:draft.memory == "1" ?> checked<?cs /if ?>> Give the agents memory between runs</label>
  <div class="actions"><button type="submit" name="back" value="1" class="secondary">Back</button> <button type="submit" class="primary">Review</button></div>
</form>
<?cs include:"layout/foot.cs" ?>
