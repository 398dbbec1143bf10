<?cs def:tools_pkg() ?><?cs if:project.framework == "watsonx_orchestrate" ?>tools<?cs else ?><?cs var:ident(project.slug) ?>.tools<?cs /if ?><?cs /def ?>
