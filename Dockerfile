# The production image: web (gunicorn), worker and beat all run from it (see docker-compose.yml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN useradd --create-home --uid 1000 expo
WORKDIR /app

COPY requirements.txt .
RUN pip install -r requirements.txt

COPY --chown=expo:expo . .
# Static files are collected into the image; whitenoise serves them with far-future headers.
RUN DATABASE_URL=postgres://build@localhost/build DJANGO_STATIC_ROOT=/app/staticfiles \
    python manage.py collectstatic --noinput --verbosity 0

USER expo
ENV DJANGO_STATIC_ROOT=/app/staticfiles \
    EXPO_VAR_DIR=/tmp/var
EXPOSE 8000
# One process per core, 8 threads each, and the request limits: config/gunicorn.py says why.
CMD ["gunicorn", "-c", "config/gunicorn.py", "config.wsgi:application"]
