<?cs include:"layout/head.cs" ?>
<?cs if:live.active ?><noscript><meta http-equiv="refresh" content="2"></noscript><?cs /if ?>
<div class="test-layout"<?cs if:live.active ?> data-stream="<?cs var:live.stream ?>" data-chat-stop="/api/chat/sessions/<?cs var:session.id ?>/stop"<?cs /if ?>>
<?cs include:"test/_rail.cs" ?>
<section class="test-main" aria-labelledby="test-h">
  <header class="test-head"><h1 id="test-h"><?cs if:agent.role ?><?cs var:agent.role ?><?cs else ?><?cs var:agent.id ?><?cs /if ?></h1><span class="muted"><?cs var:agent.project ?> · session <?cs var:session.id ?></span>
    <span class="badge st-<?cs var:live.state ?>" data-run-state><?cs if:live.state == "cancelled" ?>stopped<?cs elif:live.state ?><?cs var:live.state ?><?cs else ?>new<?cs /if ?></span><button type="button" class="secondary picker-btn" data-agent-picker hidden>Switch agent <span class="kbd-hint">⌘P</span></button></header>
  <div class="thread" aria-live="polite" data-thread>
  <?cs include:"test/_noprovider.cs" ?>
<?cs each:m = thread ?><?cs if:m.role == "tool" ?><?cs set:tc.tool = m.tool ?><?cs set:tc.args = m.args ?><?cs set:tc.content = m.content ?><?cs include:"test/_toolcard.cs" ?>
<?cs else ?>  <article class="msg msg-<?cs var:m.role ?>"><div class="avatar" aria-hidden="true"><?cs if:m.role == "user" ?>Y<?cs else ?>A<?cs /if ?></div><div class="msg-body"><div class="msg-role"><?cs if:m.role == "user" ?>You<?cs else ?><?cs if:agent.role ?><?cs var:agent.role ?><?cs else ?>Assistant<?cs /if ?><?cs /if ?></div><div class="msg-text"><?cs var:m.content ?></div></div></article>
<?cs /if ?><?cs /each ?>
<?cs each:c = live.calls ?><details class="tool-card running" open data-call="<?cs var:c.call_id ?>"><summary><span class="tool-icon" aria-hidden="true">⚙</span> <code><?cs var:c.tool ?></code> <span class="muted">running…</span></summary><div class="tool-io"><h3>Arguments</h3><pre><?cs var:c.args ?></pre></div></details>
<?cs /each ?>
<?cs each:a = approvals ?>  <div class="approval" role="group" aria-label="Approval needed"><p><strong>Approval needed:</strong> the agent wants to run <code><?cs var:a.tool ?></code>.</p><pre><?cs var:a.args ?></pre>
<?cs if:user.can_edit ?>    <div class="row-form"><form method="post" action="/test/<?cs var:session.id ?>/approvals/<?cs var:url_escape(a.call_id) ?>" class="inline"><?cs include:"layout/csrf.cs" ?><input type="hidden" name="approve" value="1"><button type="submit" class="primary">Approve</button></form>
    <form method="post" action="/test/<?cs var:session.id ?>/approvals/<?cs var:url_escape(a.call_id) ?>" class="inline"><?cs include:"layout/csrf.cs" ?><input type="hidden" name="approve" value="0"><button type="submit" class="secondary">Deny</button></form></div><?cs /if ?>
  </div>
<?cs /each ?>
<?cs if:live.active ?>  <article class="msg msg-assistant live" data-live><div class="avatar" aria-hidden="true">A</div><div class="msg-body"><div class="msg-role"><?cs if:agent.role ?><?cs var:agent.role ?><?cs else ?>Assistant<?cs /if ?> <span class="muted" data-live-note><?cs if:live.state == "waiting" ?>waiting for approval<?cs else ?>working…<?cs /if ?></span></div><div class="msg-text"><span data-live-text><?cs var:live.text ?></span><span class="cursor" aria-hidden="true"></span></div>
    <p class="nojs-refresh"><a href="/test/<?cs var:session.id ?>">Refresh</a> to see the reply (this page also refreshes itself every 2 s).</p></div></article>
<?cs elif:live.ended ?>  <article class="msg msg-assistant ended"><div class="avatar" aria-hidden="true">A</div><div class="msg-body"><div class="msg-role"><?cs if:agent.role ?><?cs var:agent.role ?><?cs else ?>Assistant<?cs /if ?> <span class="badge st-<?cs var:live.state ?>"><?cs if:live.state == "cancelled" ?>stopped<?cs else ?><?cs var:live.state ?><?cs /if ?></span></div><?cs if:live.text ?><div class="msg-text"><?cs var:live.text ?></div><?cs /if ?><?cs if:live.error ?><p class="notice err"><?cs var:live.error ?></p><?cs /if ?></div></article>
<?cs /if ?><?cs if:subcount(thread) == 0 && !live.run ?><p class="empty">No messages yet.</p><?cs /if ?>
  </div>
<?cs if:user.can_edit ?>  <form id="stop-form" method="post" action="/test/<?cs var:session.id ?>/stop" class="sr-form"><?cs include:"layout/csrf.cs" ?></form>
  <form method="post" action="/test/<?cs var:session.id ?>/messages" class="composer" data-submit-shortcut><?cs include:"layout/csrf.cs" ?>
    <label for="text" class="sr">Message</label><textarea id="text" name="text" rows="3" maxlength="20000" required placeholder="<?cs if:live.active ?>Wait for the reply, or press Stop<?cs else ?>Message the agent<?cs /if ?>"<?cs if:providers.none || live.active ?> disabled<?cs /if ?>></textarea>
    <div class="composer-bar"><?cs include:"test/_models.cs" ?>
    <?cs if:live.active ?><button type="submit" form="stop-form" class="danger" data-stop>Stop</button><?cs /if ?>
    <button type="submit" class="primary"<?cs if:providers.none || live.active ?> disabled<?cs /if ?>>Send <span class="kbd-hint">⌘↵</span></button></div>
  </form><?cs /if ?>
</section>
<aside class="inspector" aria-label="Inspector">
<?cs include:"test/_agent.cs" ?>
<section aria-labelledby="perm-h"><h2 id="perm-h">Permission mode</h2>
<?cs if:user.can_edit ?><form method="post" action="/test/<?cs var:session.id ?>/permission" class="perm-form" data-autosubmit><?cs include:"layout/csrf.cs" ?>
  <fieldset class="segmented"><legend class="sr">Permission mode</legend><label><input type="radio" name="permission" value="safe"<?cs if:session.permission == "safe" ?> checked<?cs /if ?>> Safe</label><label><input type="radio" name="permission" value="ask"<?cs if:session.permission == "ask" ?> checked<?cs /if ?>> Ask</label><label><input type="radio" name="permission" value="dev"<?cs if:session.permission == "dev" ?> checked<?cs /if ?>> Dev</label></fieldset>
  <button type="submit" class="secondary js-hide">Set</button></form>
<?cs else ?><p><?cs var:session.permission ?></p><?cs /if ?>
<p class="hint">Safe: read-only tools. Ask: each tool call waits for your approval. Dev: all tools.</p></section>
<section aria-labelledby="usage-h"><h2 id="usage-h">Usage</h2>
<dl class="facts small" data-usage data-tokens-in="<?cs var:totals.tokens_in ?>" data-tokens-out="<?cs var:totals.tokens_out ?>" data-cost="<?cs var:totals.cost_raw ?>" data-elapsed-ms="<?cs var:totals.elapsed_ms ?>"<?cs if:live.active ?> data-ticking<?cs /if ?>><dt>Tokens</dt><dd><span data-usage-tokens><?cs var:totals.tokens ?></span> <span class="muted">(<span data-usage-in><?cs var:totals.tokens_in ?></span> in, <span data-usage-out><?cs var:totals.tokens_out ?></span> out)</span></dd><dt>Cost</dt><dd data-usage-cost><?cs var:totals.cost ?></dd><dt>Elapsed</dt><dd data-usage-elapsed><?cs var:totals.elapsed ?></dd><dt>Turns</dt><dd><?cs var:totals.turns ?><?cs if:live.run ?> · <a href="/runs/<?cs var:live.run ?>">last turn's trace</a><?cs /if ?></dd></dl></section>
<section aria-labelledby="tools-h"><h2 id="tools-h">Recent tool calls</h2>
<?cs if:subcount(recent_tools) ?><ul class="recent-tools"><?cs each:x = recent_tools ?><li><code><?cs var:x.tool ?></code> <span class="muted clip"><?cs var:x.result ?></span></li><?cs /each ?></ul><?cs else ?><p class="hint">None yet.</p><?cs /if ?></section>
<section aria-labelledby="export-h"><h2 id="export-h">Export</h2>
<p class="export"><a href="/test/<?cs var:session.id ?>/transcript.md" download>Transcript (Markdown)</a> <a href="/test/<?cs var:session.id ?>/trace.json" download>Trace (JSON)</a></p></section>
</aside>
</div>
<?cs include:"layout/foot.cs" ?>
