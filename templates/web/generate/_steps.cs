<ol class="stepper" aria-label="Steps">
<?cs each:s = wizard.steps ?>
  <li class="<?cs if:#s.num == #wizard.step ?>current<?cs elif:#s.num < #wizard.step ?>done<?cs /if ?>"<?cs if:#s.num == #wizard.step ?> aria-current="step"<?cs /if ?>>
  <?cs if:#s.num < #wizard.step && draft.id ?><a href="<?cs var:s.href ?>?d=<?cs var:url_escape(draft.id) ?>"><span class="num"><?cs var:s.num ?></span> <span class="step-title"><?cs var:s.title ?></span></a>
  <?cs else ?><span class="num"><?cs var:s.num ?></span> <span class="step-title"><?cs var:s.title ?></span><?cs /if ?></li>
<?cs /each ?></ol>
<?cs if:wizard.error ?><p class="notice err" role="alert"><?cs var:wizard.error ?></p><?cs /if ?>
