# STJ-intake bot and web console. Build: docker build -t stj-intake .   Run: see compose.yaml and README.md.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1

# Pango and fonts for WeasyPrint (PDF factsheets).
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
       libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# Exactly the versions of the lock file, checked against their hashes (see `make lock`).
COPY requirements.lock ./
RUN pip install --no-cache-dir --require-hashes --no-deps -r requirements.lock
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY cli ./cli
COPY gesprek ./gesprek
COPY web ./web
COPY opslag ./opslag
COPY vragenlijsten ./vragenlijsten
COPY beoordeling ./beoordeling
RUN pip install --no-cache-dir --no-deps .

RUN useradd --create-home --uid 10001 stj && mkdir /data && chown stj /data
USER stj
WORKDIR /data
ENV STJ_DATABASE_URL=sqlite+aiosqlite:////data/stj.db
VOLUME ["/data"]
CMD ["stj", "bot"]
