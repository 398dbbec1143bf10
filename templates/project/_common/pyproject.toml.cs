[build-system]
requires = ["setuptools>=69"]
build-backend = "setuptools.build_meta"

[project]
name = <?cs var:toml(project.slug) ?>
version = "0.1.0"
description = <?cs var:toml(project.name) ?>
requires-python = ">=3.10"
dynamic = ["dependencies"]

[project.optional-dependencies]
test = ["pytest==9.2.0"]

[tool.setuptools.dynamic]
dependencies = { file = ["requirements.txt"] }
<?cs if:project.framework == "watsonx_orchestrate" ?>
[tool.setuptools]
packages = []

[tool.pytest.ini_options]
pythonpath = ["."]
testpaths = ["tests"]
<?cs else ?>
[tool.setuptools.packages.find]
where = ["src"]

[tool.pytest.ini_options]
pythonpath = ["src"]
testpaths = ["tests"]
<?cs /if ?>
