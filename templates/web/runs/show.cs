<?cs include:"layout/head.cs" ?>
<?cs if:run.active ?><noscript><meta http-equiv="refresh" content="2"></noscript><?cs /if ?>
<div class="run-console"<?cs if:run.active ?> data-stream="<?cs var:run.stream ?>" data-last-seq="<?cs var:events_last ?>"<?cs /if ?>>
<div class="page-head"><h1>Run <?cs var:run.id ?> <span class="badge st-<?cs var:run.state ?>" data-run-state><?cs if:run.state == "cancelled" ?>stopped<?cs else ?><?cs var:run.state ?><?cs /if ?></span></h1>
  <div class="actions"><?cs if:run.active && user.role != "viewer" ?><?cs if:run.state == "paused" ?><form method="post" action="/runs/<?cs var:run.id ?>/resume" class="inline"><?cs include:"layout/csrf.cs" ?><button type="submit" class="primary" data-resume>Resume</button></form><?cs else ?><form method="post" action="/runs/<?cs var:run.id ?>/pause" class="inline"><?cs include:"layout/csrf.cs" ?><button type="submit" class="secondary" data-pause>Pause</button></form><?cs /if ?>
  <form method="post" action="/runs/<?cs var:run.id ?>/stop" class="inline" data-stop-api="/api/runs/<?cs var:run.id ?>/stop"><?cs include:"layout/csrf.cs" ?><button type="submit" class="danger" data-stop>Stop</button></form><?cs /if ?>
  <?cs if:run.active ?><a href="/runs/<?cs var:run.id ?><?cs if:filter != "all" ?>?filter=<?cs var:filter ?><?cs /if ?>" class="button secondary nojs-inline">Refresh</a><?cs /if ?>
  <?cs if:run.session_id ?><a class="button secondary" href="/test/<?cs var:run.session_id ?>">Open the chat session</a><?cs /if ?></div></div>
<p class="muted"><a href="/projects/<?cs var:run.project_id ?>"><?cs var:run.project ?></a> · <?cs if:run.kind == "chat" ?>chat turn<?cs else ?>agent run<?cs /if ?> · <?cs var:run.permission ?> mode<?cs if:run.model ?> · <?cs var:run.model ?><?cs /if ?> · started <?cs var:run.created ?></p>
<?cs if:run.input ?><p class="idea-quote"><?cs var:run.input ?></p><?cs /if ?>
<?cs if:run.error ?><p class="notice err"><?cs var:run.error ?></p><?cs /if ?>
<?cs each:a = approvals ?>  <div class="approval" role="group" aria-label="Approval needed"><p><strong>Approval needed:</strong> <code><?cs var:a.tool ?></code> wants to run.</p><pre><?cs var:a.args ?></pre>
<?cs if:user.role != "viewer" ?>    <div class="row-form"><form method="post" action="/runs/<?cs var:run.id ?>/approvals/<?cs var:url_escape(a.call_id) ?>" class="inline"><?cs include:"layout/csrf.cs" ?><input type="hidden" name="approve" value="1"><button type="submit" class="primary">Approve</button></form>
    <form method="post" action="/runs/<?cs var:run.id ?>/approvals/<?cs var:url_escape(a.call_id) ?>" class="inline"><?cs include:"layout/csrf.cs" ?><input type="hidden" name="approve" value="0"><button type="submit" class="secondary">Deny</button></form></div><?cs /if ?></div>
<?cs /each ?>
<div class="run-grid">
<section class="run-side" aria-labelledby="agents-h"><h2 id="agents-h">Agents</h2>
  <p class="progress-line"><progress max="<?cs var:progress.total ?>" value="<?cs var:progress.done ?>"></progress> <span><?cs var:progress.done ?> of <?cs var:progress.total ?> done</span></p>
  <ul class="agent-list"><?cs each:a = agents ?><li data-agent="<?cs var:a.id ?>"><span class="dot st-<?cs var:a.status ?>" aria-hidden="true"></span> <span class="agent-name"><?cs if:a.role ?><?cs var:a.role ?><?cs else ?><?cs var:a.id ?><?cs /if ?></span> <code class="muted"><?cs var:a.id ?></code> <span class="badge st-<?cs var:a.status ?>" data-agent-status><?cs var:a.status ?></span></li><?cs /each ?></ul>
  <h2 id="usage-h">Token usage</h2>
  <table class="table usage" aria-labelledby="usage-h"><thead><tr><th scope="col">Agent</th><th scope="col" class="num">In</th><th scope="col" class="num">Out</th><th scope="col" class="num">Cost</th><th scope="col" class="num">Time</th></tr></thead>
  <tbody><?cs each:a = agents ?><tr><td><code><?cs var:a.id ?></code></td><td class="num"><?cs if:a.tokens_in ?><?cs var:a.tokens_in ?><?cs else ?>0<?cs /if ?></td><td class="num"><?cs if:a.tokens_out ?><?cs var:a.tokens_out ?><?cs else ?>0<?cs /if ?></td><td class="num"><?cs if:a.cost ?><?cs var:a.cost ?><?cs else ?>–<?cs /if ?></td><td class="num"><?cs if:a.elapsed ?><?cs var:a.elapsed ?><?cs else ?>–<?cs /if ?></td></tr><?cs /each ?></tbody>
  <tfoot><tr><th scope="row">Total</th><td class="num"><?cs var:run.tokens_in ?></td><td class="num"><?cs var:run.tokens_out ?></td><td class="num" data-cost><?cs var:run.cost ?></td><td class="num" data-elapsed><?cs var:run.elapsed ?></td></tr></tfoot></table>
</section>
<section class="run-log" aria-labelledby="log-h"><?cs if:run.active && user.role != "viewer" ?><form method="post" action="/runs/<?cs var:run.id ?>/messages" class="run-inject" data-submit-shortcut><?cs include:"layout/csrf.cs" ?><label for="inject-content">Send a message to the agents <span class="muted">(added to the current agent's context before its next step)</span></label>
  <div class="row-form"><textarea id="inject-content" name="content" rows="2" maxlength="8000" required></textarea><button type="submit" class="primary">Send</button></div></form><?cs /if ?>
<div class="run-trace" data-trace><h2 id="trace-h">Trace</h2>
<?cs if:trace.offset ?>  <ul class="trace-tree" aria-labelledby="trace-h"><li class="tr-run"><span class="tr-label">Run <?cs var:run.id ?></span> <span class="tr-dur<?cs if:trace.open == "open" ?> tr-open<?cs /if ?>"><?cs var:trace.duration ?></span>
    <ul><?cs each:s = trace.spans ?><li class="tr-span"><span class="tr-label"><code><?cs var:s.agent ?></code><?cs if:s.task ?> · <?cs var:s.task ?><?cs /if ?></span> <span class="tr-off muted"><?cs var:s.offset ?></span> <span class="tr-dur<?cs if:s.open == "open" ?> tr-open<?cs /if ?>"><?cs var:s.duration ?></span><?cs if:s.tokens ?> <span class="muted"><?cs var:s.tokens ?> tokens</span><?cs /if ?>
      <ul><?cs each:c = s.calls ?><li class="tr-call tr-<?cs var:c.kind ?> tr-<?cs var:c.state ?>"><span class="tr-label"><?cs if:c.kind == "tool" ?>tool <code><?cs var:c.label ?></code><?cs else ?><?cs var:c.label ?><?cs /if ?></span> <span class="tr-off muted"><?cs var:c.offset ?></span><?cs if:c.kind != "user" ?> <span class="tr-dur<?cs if:c.open == "open" ?> tr-open<?cs /if ?>"><?cs var:c.duration ?></span><?cs /if ?><?cs if:c.tokens ?> <span class="muted"><?cs var:c.tokens ?> tokens</span><?cs /if ?><?cs if:c.state == "err" ?> <span class="badge st-failed">refused</span><?cs /if ?></li><?cs /each ?></ul></li><?cs /each ?></ul></li></ul>
<?cs else ?>  <p class="empty">No steps yet.</p>
<?cs /if ?></div>
<h2 id="log-h">Event log</h2>
  <nav class="seg-links" aria-label="Filter events"><a href="/runs/<?cs var:run.id ?>" data-filter-link="all"<?cs if:filter == "all" ?> aria-current="true"<?cs /if ?>>All</a><a href="/runs/<?cs var:run.id ?>?filter=thoughts" data-filter-link="thoughts"<?cs if:filter == "thoughts" ?> aria-current="true"<?cs /if ?>>Thoughts</a><a href="/runs/<?cs var:run.id ?>?filter=tools" data-filter-link="tools"<?cs if:filter == "tools" ?> aria-current="true"<?cs /if ?>>Tools</a><a href="/runs/<?cs var:run.id ?>?filter=messages" data-filter-link="messages"<?cs if:filter == "messages" ?> aria-current="true"<?cs /if ?>>Messages</a></nav>
  <ol class="event-log" data-event-log data-filter="<?cs var:filter ?>"><?cs each:e = events ?>
    <li class="ev ev-<?cs var:e.group ?>" data-group="<?cs var:e.group ?>" data-seq="<?cs var:e.seq ?>"><span class="ev-stamp"><?cs var:e.stamp ?></span> <span class="ev-kind"><?cs if:e.type == "run.done" ?>done: <?cs var:e.kind ?><?cs else ?><?cs var:e.kind ?><?cs /if ?></span><?cs if:e.from ?> <span class="badge">from <?cs var:e.from ?></span><?cs /if ?><?cs if:e.agent ?> <code class="ev-agent"><?cs var:e.agent ?></code><?cs /if ?><?cs if:e.tool ?> <code class="ev-tool"><?cs var:e.tool ?></code><?cs /if ?><?cs if:e.tokens ?> <span class="muted"><?cs var:e.tokens ?> tokens</span><?cs /if ?>
      <?cs if:e.text ?><div class="ev-text"><?cs var:e.text ?></div><?cs /if ?><?cs if:e.args || e.result ?><details class="ev-detail"><summary>Arguments and result</summary><?cs if:e.args ?><pre><?cs var:e.args ?></pre><?cs /if ?><?cs if:e.result ?><pre><?cs var:e.result ?></pre><?cs /if ?></details><?cs /if ?></li><?cs /each ?>
  </ol>
  <?cs if:events_total == 0 ?><p class="empty" data-log-empty><?cs if:run.active ?>Waiting for the first event…<?cs else ?>No events<?cs if:filter != "all" ?> of this kind<?cs /if ?>.<?cs /if ?></p><?cs /if ?>
<?cs if:run.output ?>  <h2 id="out-h">Output</h2><pre class="run-output"><?cs var:run.output ?></pre><?cs /if ?>
</section>
</div>
</div>
<?cs include:"layout/foot.cs" ?>
