<details class="tool-card"><summary><span class="tool-icon" aria-hidden="true">⚙</span> <code><?cs var:tc.tool ?></code> <span class="muted">tool call</span></summary>
  <div class="tool-io"><h3>Arguments</h3><pre><?cs if:tc.args ?><?cs var:tc.args ?><?cs else ?>{}<?cs /if ?></pre><h3>Result</h3><pre><?cs var:tc.content ?></pre></div></details>
