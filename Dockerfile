FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
# WeasyPrint renders PDFs through Pango.
RUN apt-get update && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml ./
COPY config ./config
COPY core ./core
COPY meetings ./meetings
COPY scrutiny ./scrutiny
COPY grants ./grants
RUN pip install --no-cache-dir .
COPY . .
RUN SECRET_KEY=build-only-key-that-is-long-enough-for-the-settings-check-000 ALLOWED_HOSTS=x \
    DJANGO_SETTINGS_MODULE=config.settings.production python manage.py collectstatic --noinput
RUN useradd --create-home app && mkdir -p /srv/media && chown app /srv/media
USER app
EXPOSE 8000
# gunicorn.conf.py: threaded workers for 2 cores, recycled, the app preloaded (compose's web
# service migrates first and then runs the same).
CMD ["gunicorn", "--config", "gunicorn.conf.py"]
