<?cs include:"layout/head.cs" ?>
<h1>agent-generator</h1>
<p class="lede">Describe an AI agent system in one sentence; agent-generator plans the agents, tasks and tools,
checks the framework, pattern, model and cloud combination, and generates a complete, runnable project.</p>
<section class="cards">
  <article class="card">
    <h2>Status</h2>
    <p>This server is running version <code><?cs var:app.version ?></code>.
    The health of each component is reported at <a href="/healthz">/healthz</a> and <a href="/readyz">/readyz</a>.</p>
  </article>
  <article class="card">
    <h2>About this installation</h2>
    <p>The versions of every component this server runs are listed on the <a href="/about">About</a> page.</p>
  </article>
</section>
<?cs include:"layout/foot.cs" ?>
