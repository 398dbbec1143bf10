<?cs include:"layout/head.cs" ?>
<h1>Review</h1>
<?cs include:"generate/_steps.cs" ?>
<?cs if:refusal ?><div class="notice err" role="alert"><strong>Not generated.</strong> The server refused this combination:<pre class="reasons"><?cs var:refusal ?></pre></div><?cs /if ?>
<p class="idea-quote"><?cs var:draft.idea ?></p>
<?cs include:"generate/_diag.cs" ?>
<?cs if:preview_error ?><p class="notice err"><?cs var:preview_error ?></p><?cs /if ?>
<?cs if:plan.slug ?>
<section aria-labelledby="plan-h">
  <h2 id="plan-h">Plan: <?cs var:plan.name ?> <span class="muted">(<?cs var:plan.pattern ?>)</span></h2>
  <div class="row2">
    <div>
      <h3>Agents</h3>
      <ul class="agents"><?cs each:a = plan.agents ?><li><strong><?cs var:a.role ?></strong> <code><?cs var:a.id ?></code><br><span class="muted"><?cs var:a.goal ?></span><?cs if:subcount(a.tools) > 0 ?><br><?cs each:tl = a.tools ?><span class="badge"><?cs var:tl ?></span> <?cs /each ?><?cs /if ?></li><?cs /each ?></ul>
      <h3>Tasks</h3>
      <ol class="tasks"><?cs each:k = plan.tasks ?><li><?cs var:k.description ?> <span class="muted">— <?cs var:k.agent ?><?cs if:subcount(k.deps) > 0 ?>, after <?cs each:dp = k.deps ?><code><?cs var:dp ?></code> <?cs /each ?><?cs /if ?></span></li><?cs /each ?></ol>
    </div>
    <figure class="flow">
      <svg viewBox="0 0 400 <?cs var:plan.flow.height ?>" width="400" height="<?cs var:plan.flow.height ?>" role="img" aria-label="Task flow">
        <defs><marker id="arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="8" markerHeight="8" orient="auto"><path d="M0 0 8 4 0 8z" class="arrowhead"/></marker></defs>
        <?cs each:e = plan.flow.edges ?><path d="<?cs var:e.d ?>" class="edge" marker-end="url(#arrow)"/><?cs /each ?>
        <?cs each:n = plan.flow.nodes ?><rect x="40" y="<?cs var:n.y ?>" width="260" height="44" class="node"/><text x="52" y="<?cs var:n.ty ?>" class="node-label"><?cs var:n.label ?> · <?cs var:n.agent ?></text><?cs /each ?>
      </svg>
      <figcaption class="muted">Each task runs after the tasks its arrows come from.</figcaption>
    </figure>
  </div>
</section>
<section aria-labelledby="files-h" class="files">
  <h2 id="files-h">Files</h2>
  <div class="browser">
    <nav class="tree" aria-label="Files"><ul><?cs each:f = files ?><li><a href="/generate/review?d=<?cs var:url_escape(draft.id) ?>&amp;file=<?cs var:url_escape(f.path) ?>#files-h" title="<?cs var:f.path ?>"<?cs if:f.selected ?> aria-current="true" class="sel"<?cs /if ?> data-preview="<?cs var:f.path ?>"><span class="dir"><?cs var:f.dir ?></span><?cs var:f.name ?></a></li><?cs /each ?></ul></nav>
    <div class="preview"><div class="preview-head"><code><?cs var:preview.path ?></code> <button type="button" class="copy" data-copy="preview-code">Copy</button></div><pre><code id="preview-code" class="lang-<?cs var:preview.lang ?>"><?cs var:preview.content ?></code></pre></div>
  </div>
</section>
<?cs /if ?>
<form method="post" action="/generate/create?d=<?cs var:url_escape(draft.id) ?>" class="actions sticky" data-submit-shortcut>
  <?cs include:"layout/csrf.cs" ?>
  <a class="button secondary" href="/generate/tools?d=<?cs var:url_escape(draft.id) ?>">Back</a>
  <button type="submit" class="primary"<?cs if:diag_errors > 0 ?> disabled aria-disabled="true"<?cs /if ?>><?cs if:draft.project_id ?>Regenerate project<?cs else ?>Generate project<?cs /if ?></button>
  <?cs if:diag_errors > 0 ?><span class="hint">Resolve the blocking rows above first.</span><?cs /if ?>
</form>
<?cs include:"layout/foot.cs" ?>
