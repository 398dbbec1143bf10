"""Tools of <?cs var:pydoc(project.name) ?>: plain Python functions, stdlib only.

TOOLS maps each catalogue tool id to its function; the framework code wraps them.
"""
<?cs each:t = tools ?>
from .<?cs var:ident(t.id) ?> import <?cs var:ident(t.id) ?><?cs /each ?>

TOOLS = {<?cs each:t = tools ?>
    <?cs var:py(t.id) ?>: <?cs var:ident(t.id) ?>,<?cs /each ?>
}
