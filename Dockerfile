# The production image: gunicorn for the web, the same image for Celery worker and beat.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=tracker.settings \
    VAR_DIR=/app/var \
    HOST=0.0.0.0 \
    PORT=8000

WORKDIR /app
RUN groupadd --system --gid 10001 tracker \
 && useradd --system --uid 10001 --gid tracker --home-dir /app --shell /usr/sbin/nologin tracker

COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY . .
# Static files are collected at build time and served by WhiteNoise.
RUN SECRET_KEY=build-only-not-a-secret python manage.py collectstatic --noinput --verbosity 0 \
 && chown -R tracker:tracker /app/var

USER tracker
EXPOSE 8000
CMD ["gunicorn", "tracker.wsgi", "--config", "tracker/gunicorn.conf.py"]
