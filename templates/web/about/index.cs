<?cs include:"layout/head.cs" ?>
<h1>About</h1>
<p class="lede">agent-generator <?cs var:app.version ?>, built <?cs var:about.build_date ?>.</p>
<h2>Components</h2>
<table class="table">
  <thead><tr><th scope="col">Component</th><th scope="col">Version</th></tr></thead>
  <tbody>
  <?cs each:c = components ?><tr><td><?cs var:c.name ?></td><td><code><?cs var:c.version ?></code></td></tr>
  <?cs /each ?></tbody>
</table>
<h2>System</h2>
<dl class="facts">
  <dt>Database</dt><dd><code><?cs var:about.db_path ?></code>, schema version <?cs var:about.schema ?></dd>
  <dt>Request</dt><dd><code><?cs var:request.id ?></code></dd>
</dl>
<h2>Licences</h2>
<p>agent-generator is MIT licensed. It links SQLite (public domain), json-c (MIT), libcurl (curl licence),
OpenSSL (Apache-2.0), ClearSilver (New BSD) and libfcgi (FastCGI licence), and is served by nginx (BSD-2-Clause).</p>
<?cs include:"layout/foot.cs" ?>
