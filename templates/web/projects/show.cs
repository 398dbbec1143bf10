<?cs include:"layout/head.cs" ?>
<div class="page-head"><h1><?cs var:project.name ?></h1>
  <div class="actions"><a class="button primary" href="/projects/<?cs var:project.id ?>/archive.zip" download>Download zip</a>
  <form method="post" action="/projects/<?cs var:project.id ?>/regenerate" class="inline"><?cs include:"layout/csrf.cs" ?><button type="submit" class="secondary">Regenerate with changes</button></form>
  <a class="button danger" href="/projects/<?cs var:project.id ?>/delete">Delete</a></div></div>
<p class="idea-quote"><?cs var:project.idea ?></p>
<dl class="facts">
  <dt>Framework</dt><dd><?cs var:project.framework_name ?> <span class="badge stage"><?cs var:project.stage ?></span></dd>
  <dt>Pattern</dt><dd><?cs var:project.pattern ?></dd>
  <dt>Model</dt><dd><?cs var:project.model ?><?cs if:project.hyperscaler ?> on <?cs var:project.hyperscaler ?><?cs /if ?></dd>
  <dt>Package</dt><dd><code><?cs var:project.slug ?></code>, <?cs var:project.files ?> files</dd>
  <dt>Created</dt><dd><?cs var:project.created ?> (updated <?cs var:project.updated ?>)</dd>
</dl>
<section aria-labelledby="files-h" class="files">
  <h2 id="files-h">Files</h2>
  <div class="browser">
    <nav class="tree" aria-label="Files"><ul><?cs each:f = files ?><li><a href="/projects/<?cs var:project.id ?>?file=<?cs var:url_escape(f.path) ?>#files-h" title="<?cs var:f.path ?>"<?cs if:f.selected ?> aria-current="true" class="sel"<?cs /if ?> data-preview="<?cs var:f.path ?>" data-src="/api/projects/<?cs var:project.id ?>/files/<?cs var:f.path ?>"><span class="dir"><?cs var:f.dir ?></span><?cs var:f.name ?></a></li><?cs /each ?></ul></nav>
    <div class="preview"><?cs if:preview.missing ?><p class="notice err">No file <code><?cs var:preview.missing ?></code> in this project.</p><?cs else ?><div class="preview-head"><code><?cs var:preview.path ?></code> <button type="button" class="copy" data-copy="preview-code">Copy</button></div><pre><code id="preview-code" class="lang-<?cs var:preview.lang ?>"><?cs var:preview.content ?></code></pre><?cs /if ?></div>
  </div>
</section>
<?cs include:"generate/_diag.cs" ?>
<?cs if:user.role != "viewer" ?><section aria-labelledby="run-h"><h2 id="run-h">Run</h2>
<form method="post" action="/projects/<?cs var:project.id ?>/runs" class="form inline-form"><?cs include:"layout/csrf.cs" ?>
  <label for="run-input" class="sr">Input for the agents</label><input id="run-input" name="input" maxlength="20000" placeholder="Input for the agents (optional)">
  <label for="run-perm" class="sr">Permission mode</label><select id="run-perm" name="permission"><option value="safe">Safe</option><option value="ask">Ask</option><option value="dev">Dev</option></select>
  <button type="submit" class="secondary" data-run>Run</button> <a href="/test?project=<?cs var:project.id ?>" class="button secondary">Test in chat</a></form></section>
<?cs /if ?><section aria-labelledby="rename-h"><h2 id="rename-h">Rename</h2>
<form method="post" action="/projects/<?cs var:project.id ?>/rename" class="form inline-form"><?cs include:"layout/csrf.cs" ?>
  <label for="name" class="sr">Name</label><input id="name" name="name" maxlength="200" required value="<?cs var:project.name ?>"> <button type="submit" class="secondary">Rename</button></form></section>
<details class="spec"><summary>Spec (JSON)</summary><pre><code class="lang-json"><?cs var:project.spec_json ?></code></pre></details>
<?cs include:"layout/foot.cs" ?>
