# Container for <?cs var:ident(project.slug) ?>. Secrets come from the environment at run time:
#   docker build -t <?cs var:ident(project.slug) ?> . && docker run --rm --env-file .env <?cs var:ident(project.slug) ?>
FROM python:3.12-slim

LABEL org.opencontainers.image.title=<?cs var:docker(project.name) ?>
LABEL org.opencontainers.image.description=<?cs var:docker(project.description) ?>

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
RUN useradd --create-home --uid 10001 app

COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
<?cs if:project.framework == "watsonx_orchestrate" ?>
COPY agents ./agents
COPY tools ./tools
COPY import_all.sh ./
USER app
CMD ["sh", "import_all.sh"]
<?cs else ?>
COPY src ./src
ENV PYTHONPATH=/app/src
USER app
CMD ["python", "-m", "<?cs var:ident(project.slug) ?>.main"]
<?cs /if ?>
