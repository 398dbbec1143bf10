<?cs if:project.framework == "watsonx_orchestrate" ?>@tool
<?cs /if ?>
