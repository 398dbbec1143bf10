<?cs if:project.framework == "watsonx_orchestrate" ?>
try:
    from ibm_watsonx_orchestrate.agent_builder.tools import tool
except ImportError:  # the ADK is not installed (offline tests): keep the plain function

    def tool(*args, **kwargs):
        if args and callable(args[0]):
            return args[0]
        return lambda fn: fn
<?cs /if ?>
