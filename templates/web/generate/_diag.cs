<section class="diag" aria-labelledby="diag-h" data-diag>
  <h2 id="diag-h">Compatibility <?cs if:diag_errors > 0 ?><span class="badge err"><?cs var:diag_errors ?> blocking</span><?cs else ?><span class="badge ok">ready</span><?cs /if ?></h2>
  <table class="table diag-table">
    <thead><tr><th scope="col">Check</th><th scope="col">Value</th><th scope="col">Detail</th><th scope="col">Status</th><th scope="col"><span class="sr">Action</span></th></tr></thead>
    <tbody data-diag-rows>
    <?cs each:row = diag ?><tr class="sev-<?cs var:row.severity ?>">
      <td><?cs var:row.category ?></td><td><?cs var:row.value ?></td><td><?cs var:row.sub ?></td>
      <td><span class="badge <?cs var:row.severity ?>"><?cs var:row.severity ?></span></td>
      <td><?cs if:row.severity != "ok" && draft.id && row.step != "4" ?><a href="/generate<?cs if:row.step == "2" ?>/framework<?cs else ?>/tools<?cs /if ?>?d=<?cs var:url_escape(draft.id) ?>">Resolve</a><?cs /if ?></td>
    </tr>
    <?cs /each ?></tbody>
  </table>
</section>
