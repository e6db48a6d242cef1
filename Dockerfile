# The service on PostgreSQL (or SQLite in a volume). Migrations are a separate step:
#   docker run --rm -e DATABASE_URL=... IMAGE sanctions-tracker db upgrade
#   docker run --rm -e DATABASE_URL=... IMAGE sanctions-tracker seed
#   docker run -d -p 8000:8000 --stop-timeout 30 -e DATABASE_URL=... IMAGE
# PYTHON_IMAGE: the official Python 3.11 on Debian 12; where Docker Hub is out of reach, ops/local-base-image builds
# an equivalent from Debian's packages (docker build --build-arg PYTHON_IMAGE=sanctions-tracker/python-base:3.11).
ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE}
RUN useradd --create-home --uid 10001 tracker
WORKDIR /app
# The dependencies first, in a layer of their own, so that a change to the code does not reinstall them: the
# locked versions, from wheels only (nothing is compiled, so the image needs no compiler), and an editable install
# of the project with an empty package, filled in below.
COPY pyproject.toml README.md requirements.lock ./
RUN mkdir service && touch service/__init__.py \
    && python -m venv /venv \
    && PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
        /venv/bin/pip install --only-binary=:all: -c requirements.lock -e .
COPY alembic.ini ./
COPY service ./service
COPY migrations ./migrations
COPY seeds ./seeds
# Editable on purpose: the service finds alembic.ini, migrations/ and seeds/ next to its package, in /app, owned
# by root: the service reads its code, migrations and seeds, and writes only its database. Compiled here, as the
# runtime user may not write to /app.
RUN /venv/bin/python -m compileall -q service migrations
USER tracker
# PORT: where `serve` listens and the health check asks. Without DATABASE_URL, a SQLite file in a volume-able home.
ENV PATH=/venv/bin:$PATH PYTHONUNBUFFERED=1 PORT=8000 DATABASE_URL=sqlite:////home/tracker/sanctions_tracker.db
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '8000'), timeout=2)"]
# exec: the server replaces the shell as PID 1, so that docker stop's SIGTERM reaches uvicorn, which stops taking
# connections and lets requests in flight finish (up to 20 s: give docker stop/run a --stop-timeout above that).
CMD ["sh", "-c", "exec sanctions-tracker serve --host 0.0.0.0 --port \"$PORT\""]
