<?cs include:"layout/head.cs" ?>
<h1>Providers</h1>
<p class="lede">Where agents' model calls go. Test chats and runs use the default provider unless a session picks a model from another.</p>
<?cs if:notice ?><p class="notice" role="status"><?cs var:notice ?></p><?cs /if ?>
<?cs if:subcount(providers) == 0 ?><p class="empty">No model provider is configured yet: the Test page and runs cannot answer until you add one.</p><?cs else ?>
<table class="table list providers"><thead><tr><th scope="col">Name</th><th scope="col">Kind</th><th scope="col">Base URL</th><th scope="col">Models</th><th scope="col">Key</th><th scope="col"><span class="sr">Actions</span></th></tr></thead>
<tbody><?cs each:p = providers ?><tr><td class="main"><?cs var:p.name ?><?cs if:p.is_default ?> <span class="badge ok">default</span><?cs /if ?></td><td><?cs var:p.kind ?></td><td><code class="clip"><?cs var:p.base_url ?></code></td><td><?cs if:p.default_model ?><code><?cs var:p.default_model ?></code><?cs /if ?><?cs if:p.models ?> <span class="muted"><?cs var:p.models ?></span><?cs /if ?></td><td><?cs if:p.api_key_ref ?><code><?cs var:p.api_key_ref ?></code><?cs else ?><span class="muted">none</span><?cs /if ?></td>
  <td class="nowrap"><a href="/settings/providers?edit=<?cs var:p.id ?>#form-h">Edit</a> · <a href="/settings/providers/<?cs var:p.id ?>/delete">Delete</a></td></tr><?cs /each ?></tbody></table><?cs /if ?>
<h2 id="form-h"><?cs if:form.id ?>Edit <?cs var:form.name ?><?cs else ?>Add a provider<?cs /if ?></h2>
<?cs if:form.error ?><p class="alert" role="alert"><?cs var:form.error ?><?cs if:form.field ?> (field: <code><?cs var:form.field ?></code>)<?cs /if ?></p><?cs /if ?>
<form method="post" action="/settings/providers<?cs if:form.id ?>/<?cs var:form.id ?><?cs /if ?>" class="form wide"><?cs include:"layout/csrf.cs" ?>
  <label for="kind">Kind</label><select id="kind" name="kind"><?cs each:k = kinds ?><option value="<?cs var:k ?>"<?cs if:form.kind == k ?> selected<?cs /if ?>><?cs var:k ?></option><?cs /each ?></select>
  <p class="hint">openai: any OpenAI-compatible endpoint (also Ollama, vLLM, LiteLLM). azure: Azure OpenAI (api-key header, API version). watsonx: IBM watsonx.ai (IAM key exchange, project id). ollabridge: an OllaBridge device.</p>
  <label for="pname">Name</label><input id="pname" name="name" type="text" maxlength="100" required value="<?cs var:form.name ?>"<?cs if:form.field == "name" ?> aria-invalid="true"<?cs /if ?>>
  <label for="baseUrl">Base URL</label><input id="baseUrl" name="baseUrl" type="url" maxlength="500" required placeholder="https://api.openai.com/v1" value="<?cs var:form.base_url ?>"<?cs if:form.field == "baseUrl" ?> aria-invalid="true"<?cs /if ?>>
  <label for="models">Models</label><input id="models" name="models" type="text" maxlength="2000" placeholder="gpt-4.1-mini, gpt-4.1" value="<?cs var:form.models ?>">
  <p class="hint">Comma-separated model ids offered in the Test page's model picker.</p>
  <label for="defaultModel">Default model</label><input id="defaultModel" name="defaultModel" type="text" maxlength="200" value="<?cs var:form.default_model ?>">
  <label for="apiKeyRef">API key reference</label><input id="apiKeyRef" name="apiKeyRef" type="text" maxlength="200" placeholder="env:OPENAI_API_KEY" value="<?cs var:form.api_key_ref ?>"<?cs if:form.field == "apiKeyRef" ?> aria-invalid="true"<?cs /if ?> autocomplete="off" spellcheck="false">
  <p class="hint">Keys are referenced, never stored: write <code>env:NAME</code> and set <code>NAME</code> in the runner's environment (for example in a systemd drop-in). Leave empty for endpoints without a key. Never paste the key itself here.</p>
  <label for="apiVersion">API version <span class="muted">(azure, watsonx)</span></label><input id="apiVersion" name="apiVersion" type="text" maxlength="40" value="<?cs var:form.api_version ?>">
  <label for="projectRef">Project id <span class="muted">(watsonx)</span></label><input id="projectRef" name="projectRef" type="text" maxlength="100" value="<?cs var:form.project_ref ?>">
  <label class="check"><input type="checkbox" name="isDefault" value="1"<?cs if:form.is_default ?> checked<?cs /if ?>> Default provider</label>
  <div class="actions"><button type="submit" class="primary"><?cs if:form.id ?>Save changes<?cs else ?>Add provider<?cs /if ?></button><?cs if:form.id ?> <a class="button secondary" href="/settings/providers">Cancel</a><?cs /if ?></div>
</form>
<?cs include:"layout/foot.cs" ?>
