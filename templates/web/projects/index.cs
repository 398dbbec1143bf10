<?cs include:"layout/head.cs" ?>
<div class="page-head"><h1>Projects</h1><a class="button primary" href="/generate">New project</a></div>
<form method="get" action="/projects" class="filters" role="search">
  <label for="q" class="sr">Search</label><input id="q" name="q" type="search" value="<?cs var:filter.q ?>" placeholder="Search name or idea">
  <label for="fw" class="sr">Framework</label><select id="fw" name="framework"><option value="">All frameworks</option><?cs each:f = frameworks ?><option value="<?cs var:f.id ?>"<?cs if:filter.framework == f.id ?> selected<?cs /if ?>><?cs var:f.name ?></option><?cs /each ?></select>
  <button type="submit" class="secondary">Filter</button>
</form>
<?cs if:list.total == 0 ?><p class="empty">No projects<?cs if:filter.q || filter.framework ?> match these filters<?cs /if ?>. <a href="/generate">Generate one</a>.</p>
<?cs else ?>
<table class="table list">
  <thead><tr><th scope="col">Name</th><th scope="col">Framework</th><th scope="col">Stage</th><th scope="col">Files</th><th scope="col">Updated</th></tr></thead>
  <tbody><?cs each:p = projects ?><tr>
    <td class="main"><a href="/projects/<?cs var:p.id ?>"><?cs var:p.name ?></a><div class="muted clip"><?cs var:p.idea ?></div></td>
    <td><?cs var:p.framework_name ?> <span class="muted">· <?cs var:p.pattern ?></span></td>
    <td><span class="badge stage"><?cs var:p.stage ?></span></td>
    <td class="n-files"><?cs var:p.files ?></td>
    <td class="nowrap"><?cs var:p.updated ?></td>
  </tr><?cs /each ?></tbody>
</table>
<nav class="pager" aria-label="Pages"><span class="muted"><?cs var:list.total ?> projects</span>
<?cs if:list.prev ?><a href="/projects?page=<?cs var:list.prev ?>&amp;q=<?cs var:url_escape(filter.q) ?>&amp;framework=<?cs var:url_escape(filter.framework) ?>">Previous</a><?cs /if ?>
<?cs if:list.next ?><a href="/projects?page=<?cs var:list.next ?>&amp;q=<?cs var:url_escape(filter.q) ?>&amp;framework=<?cs var:url_escape(filter.framework) ?>">Next</a><?cs /if ?></nav>
<?cs /if ?>
<?cs include:"layout/foot.cs" ?>
