<?cs include:"layout/head.cs" ?>
<h1>Agents &amp; tools</h1>
<?cs include:"generate/_steps.cs" ?>
<section class="agents-edit" id="agents" aria-labelledby="agents-h">
  <h2 id="agents-h">Agents <span class="muted">(<?cs var:subcount(agents) ?> of at most 6)</span></h2>
  <p class="hint">Planned from your idea. Rename them, change their roles, remove one or add one. A removed agent's tasks and tools go to the first agent; a new agent works last, on the others' results.</p>
  <form method="post" action="/generate/agents?d=<?cs var:url_escape(draft.id) ?>" class="form wizard agent-form">
    <?cs include:"layout/csrf.cs" ?>
    <button type="submit" name="save" value="1" hidden>Save agents</button><?cs # the default button: Enter in a field saves, never removes ?>
    <table class="table agent-table">
      <thead><tr><th scope="col">Name</th><th scope="col">Role</th><th scope="col"><span class="sr">Remove</span></th></tr></thead>
      <tbody>
      <?cs each:a = agents ?><tr>
        <td><input type="hidden" name="agent_from" value="<?cs var:a.from ?>"><input name="agent_name" value="<?cs var:a.id ?>" maxlength="40" required autocomplete="off" spellcheck="false" aria-label="Name of agent <?cs var:a.num ?>"></td>
        <td><input name="agent_role" value="<?cs var:a.role ?>" maxlength="120" required autocomplete="off" aria-label="Role of agent <?cs var:a.num ?>"></td>
        <td><button type="submit" name="remove" value="<?cs name:a ?>" class="secondary" formnovalidate<?cs if:subcount(agents) <= 1 ?> disabled<?cs /if ?>>Remove</button></td>
      </tr>
      <?cs /each ?></tbody>
    </table>
    <div class="actions"><button type="submit" name="save" value="1" class="secondary">Save agents</button><?cs if:agents_edited ?> <button type="submit" name="reset" value="1" class="link" formnovalidate>Back to the planned agents</button><?cs /if ?></div>
    <fieldset class="agent-add"<?cs if:subcount(agents) >= 6 ?> disabled<?cs /if ?>>
      <legend>Add an agent</legend>
      <div class="agent-add-row">
        <label>Name <input name="new_name" maxlength="40" autocomplete="off" spellcheck="false" placeholder="fact_checker"></label>
        <label>Role <input name="new_role" maxlength="120" autocomplete="off" placeholder="Fact checker"></label>
        <button type="submit" name="add" value="1" class="secondary" formnovalidate>Add agent</button>
      </div>
      <p class="hint">Names are lower-case words joined by _ (spaces become _).</p>
    </fieldset>
  </form>
</section>
<h2>Tools</h2>
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
