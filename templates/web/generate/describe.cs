<?cs include:"layout/head.cs" ?>
<h1>Generate an agent system</h1>
<?cs include:"generate/_steps.cs" ?>
<form method="post" action="/generate<?cs if:draft.id ?>?d=<?cs var:url_escape(draft.id) ?><?cs /if ?>" class="form wide" data-submit-shortcut>
  <?cs include:"layout/csrf.cs" ?>
  <label for="idea">Describe what the agents should do, in one sentence</label>
  <textarea id="idea" name="idea" rows="4" maxlength="2000" required data-counter="idea-count" placeholder="e.g. Research competitors every Monday and email the team a summary of pricing changes"><?cs var:form.idea ?></textarea>
  <p class="hint"><span id="idea-count" aria-live="polite"></span> Up to 2,000 characters.</p>
  <label for="name">Project name <span class="muted">(optional)</span></label>
  <input id="name" name="name" maxlength="120" value="<?cs var:draft.name ?>">
  <div class="actions"><button type="submit" class="primary">Continue</button> <span class="hint kbd-hint">⌘↵</span></div>
</form>
<?cs if:subcount(recent) > 0 ?><h2>Your recent ideas</h2>
<ul class="examples recent-ideas">
<?cs each:e = recent ?>  <li><a class="recent-idea" href="/generate?<?cs if:draft.id ?>d=<?cs var:url_escape(draft.id) ?>&amp;<?cs /if ?>recent=<?cs name:e ?>" data-fill-idea="idea"><span class="clamp"><?cs var:e ?></span></a></li>
<?cs /each ?></ul>
<?cs /if ?><h2>Starting points</h2>
<ul class="examples">
<?cs each:e = examples ?>  <li><button type="button" class="example" data-fill="idea"><?cs var:e ?></button><span class="nojs-only"><?cs var:e ?></span></li>
<?cs /each ?></ul>
<?cs include:"layout/foot.cs" ?>
