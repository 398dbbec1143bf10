<?cs include:"layout/head.cs" ?>
<h1>Framework &amp; model</h1>
<?cs include:"generate/_steps.cs" ?>
<form method="get" action="/generate/framework" class="form wizard philo-filter" data-philo-filter>
  <input type="hidden" name="d" value="<?cs var:draft.id ?>">
  <fieldset class="facet">
    <legend>Philosophy</legend>
    <label class="chip"><input type="radio" name="philosophy" value=""<?cs if:!filter.philosophy ?> checked<?cs /if ?>> All frameworks</label>
    <?cs each:p = philosophies ?><label class="chip" title="<?cs var:p.blurb ?>"><input type="radio" name="philosophy" value="<?cs var:p.id ?>"<?cs if:filter.philosophy == p.id ?> checked<?cs /if ?>> <?cs var:p.label ?></label>
    <?cs /each ?><button type="submit" class="secondary nojs-button">Filter</button>
  </fieldset>
</form>
<form method="post" action="/generate/framework?d=<?cs var:url_escape(draft.id) ?>" class="form wizard" data-live-diag data-submit-shortcut>
  <?cs include:"layout/csrf.cs" ?>
  <fieldset class="facet">
    <legend>Cloud</legend>
    <label class="chip"><input type="radio" name="hyperscaler" value=""<?cs if:!draft.hyperscaler ?> checked<?cs /if ?>> Any</label>
    <?cs each:h = hyperscalers ?><label class="chip"><input type="radio" name="hyperscaler" value="<?cs var:h.id ?>"<?cs if:draft.hyperscaler == h.id ?> checked<?cs /if ?>> <?cs var:h.label ?></label>
    <?cs /each ?>
  </fieldset>
  <fieldset>
    <legend>Framework</legend>
    <div class="cards fw-cards">
    <?cs each:f = frameworks ?><label class="card pick<?cs if:f.checked == "1" ?> picked<?cs /if ?>" data-philosophy="<?cs var:f.philosophy ?>" data-risk="<?cs var:f.risk ?>"<?cs if:f.hidden == "1" ?> hidden<?cs /if ?>>
      <input type="radio" name="framework" value="<?cs var:f.id ?>"<?cs if:f.checked == "1" ?> checked<?cs /if ?> required>
      <span class="card-title"><?cs var:f.name ?></span>
      <span class="meta"><?cs var:f.vendor ?> · <span class="badge stage"><?cs var:f.stage ?></span> · <?cs var:f.philosophy ?></span>
      <span class="card-body"><?cs var:f.summary ?></span>
      <span class="meta">Supervisor: <b class="sup-<?cs var:f.support.supervisor ?>"><?cs var:f.support.supervisor ?></b> · ReAct: <b class="sup-<?cs var:f.support.react ?>"><?cs var:f.support.react ?></b></span>
      <span class="risk">Risk: <?cs var:f.risk ?></span>
    </label>
    <?cs /each ?></div>
  </fieldset>
  <fieldset class="row2">
    <div>
      <legend>Orchestration pattern</legend>
      <?cs each:p = patterns ?><label class="card pick small<?cs if:draft.pattern == p.id ?> picked<?cs /if ?>"><input type="radio" name="pattern" value="<?cs var:p.id ?>"<?cs if:draft.pattern == p.id ?> checked<?cs /if ?>>
        <span class="card-title"><?cs var:p.label ?></span><span class="card-body"><?cs var:p.blurb ?></span>
        <ol class="pattern-steps"><?cs each:st = p.steps ?><li><?cs var:st ?></li><?cs /each ?></ol>
        <span class="meta">Flexibility <?cs var:p.flexibility ?> · predictability <?cs var:p.predictability ?> · cost <?cs var:p.cost ?></span>
      </label>
      <?cs /each ?>
    </div>
    <div>
      <label for="model"><legend>Model</legend></label>
      <select id="model" name="model">
        <option value="">Default for the cloud</option>
        <?cs each:m = models ?><option value="<?cs var:m.id ?>"<?cs if:draft.model == m.id ?> selected<?cs /if ?>><?cs var:m.label ?> — <?cs var:m.provider ?>, <?cs var:m.context ?>, <?cs var:m.cost ?><?cs if:m.native == "0" ?> (not native to this cloud)<?cs /if ?></option>
        <?cs /each ?>
      </select>
      <?cs if:why.framework ?><aside class="why" aria-live="polite"><h3>Why <span data-why="name"><?cs var:why.framework ?></span></h3><p data-why="summary"><?cs var:why.summary ?></p><p class="muted">Watch out: <span data-why="risk"><?cs var:why.risk ?></span></p></aside><?cs /if ?>
    </div>
  </fieldset>
  <div class="actions"><button type="submit" name="back" value="1" class="secondary" formnovalidate>Back</button> <button type="submit" class="primary">Continue</button></div>
</form>
<?cs include:"generate/_diag.cs" ?>
<?cs include:"layout/foot.cs" ?>
