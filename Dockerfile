# The service on PostgreSQL (or SQLite in a volume). Migrations are a separate step:
#   docker run --rm -e DATABASE_URL=... IMAGE sanctions-tracker db upgrade
#   docker run --rm -e DATABASE_URL=... IMAGE sanctions-tracker seed
#   docker run -p 8000:8000 -e DATABASE_URL=... IMAGE
# PYTHON_IMAGE: the official python:3.11-slim; where Docker Hub is out of reach, ops/local-base-image builds an
# equivalent from Debian's packages (docker build --build-arg PYTHON_IMAGE=sanctions-tracker/python-base:3.11).
ARG PYTHON_IMAGE=python:3.11-slim
FROM ${PYTHON_IMAGE} AS build
# normality needs PyICU, which PyPI has only as source: a compiler and ICU's headers to build it.
RUN apt-get update && apt-get install -y --no-install-recommends g++ pkg-config libicu-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md alembic.ini ./
COPY service ./service
COPY migrations ./migrations
COPY seeds ./seeds
RUN python -m venv /venv && /venv/bin/pip install --no-cache-dir -e .

FROM ${PYTHON_IMAGE}
RUN apt-get update && apt-get install -y --no-install-recommends libicu72 && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 10001 tracker
COPY --from=build /venv /venv
COPY --from=build --chown=tracker /app /app
WORKDIR /app
USER tracker
ENV PATH=/venv/bin:$PATH DATABASE_URL=sqlite:////home/tracker/sanctions_tracker.db
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz')"
CMD ["sanctions-tracker", "serve", "--host", "0.0.0.0", "--port", "8000"]
