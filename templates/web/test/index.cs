<?cs include:"layout/head.cs" ?>
<div class="test-layout">
<?cs include:"test/_rail.cs" ?>
<section class="test-main" aria-labelledby="test-h">
<?cs if:agent.id ?>  <header class="test-head"><h1 id="test-h"><?cs if:agent.role ?><?cs var:agent.role ?><?cs else ?><?cs var:agent.id ?><?cs /if ?></h1><span class="muted"><?cs var:agent.project ?> · new session</span><button type="button" class="secondary picker-btn" data-agent-picker hidden>Switch agent <span class="kbd-hint">⌘P</span></button></header>
  <div class="thread" aria-live="polite"><?cs include:"test/_noprovider.cs" ?><p class="empty">Send a message to start a session with this agent.</p></div>
<?cs if:user.can_edit ?>  <form method="post" action="/test/sessions" class="composer" data-submit-shortcut><?cs include:"layout/csrf.cs" ?>
    <input type="hidden" name="project" value="<?cs var:agent.project_id ?>"><input type="hidden" name="agent" value="<?cs var:agent.id ?>">
    <label for="text" class="sr">Message</label><textarea id="text" name="text" rows="3" maxlength="20000" required placeholder="Message the agent" <?cs if:providers.none ?>disabled<?cs /if ?>></textarea>
    <div class="composer-bar"><fieldset class="segmented"><legend class="sr">Permission mode</legend><label><input type="radio" name="permission" value="safe" checked> Safe</label><label><input type="radio" name="permission" value="ask"> Ask</label><label><input type="radio" name="permission" value="dev"> Dev</label></fieldset>
    <?cs include:"test/_models.cs" ?>
    <button type="submit" class="primary"<?cs if:providers.none ?> disabled<?cs /if ?>>Send <span class="kbd-hint">⌘↵</span></button></div>
  </form><?cs /if ?>
<?cs elif:agent.missing ?>  <h1 id="test-h">Test</h1><p class="notice err">That agent is not in the project (it may have been regenerated). Pick one on the left.</p>
<?cs else ?>  <header class="test-head"><h1 id="test-h">Test</h1><button type="button" class="secondary picker-btn" data-agent-picker hidden>Switch agent <span class="kbd-hint">⌘P</span></button></header>
  <?cs include:"test/_noprovider.cs" ?>
<?cs if:load.error ?>  <p class="notice err" role="alert">The spec file was not loaded: <?cs var:load.error ?> <a href="#spec-file">Choose another file</a>.</p>
<?cs /if ?>  <p class="empty">Pick an agent on the left to chat with it: its replies, tool calls and results stream here.</p>
<?cs /if ?></section>
<?cs if:agent.id ?><aside class="inspector" aria-label="Inspector"><?cs include:"test/_agent.cs" ?></aside><?cs /if ?>
</div>
<?cs include:"layout/foot.cs" ?>
