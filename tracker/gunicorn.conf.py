"""gunicorn settings for a deployment: ``gunicorn tracker.wsgi -c tracker/gunicorn.conf.py``.

Read as the Django settings are: from the environment, then the local ``.env``
(:mod:`tracker.envfile`), through the same validating readers. It binds
``HOST:PORT`` (127.0.0.1:8000 unless told otherwise); docker compose sets
``HOST=0.0.0.0`` and ``PORT=8000`` inside the web container, whose port it publishes.
"""

from dotenv import load_dotenv

from tracker import envfile
from tracker.env import env

load_dotenv(envfile.path(), override=False)

bind = f"{env.host('HOST', '127.0.0.1')}:{env.integer('PORT', 8000, minimum=1, maximum=65535)}"
workers = env.integer("WEB_CONCURRENCY", 3, minimum=1, maximum=64)
timeout = env.integer("WEB_TIMEOUT", 30, minimum=1, maximum=3600)
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, so a slow leak cannot grow without bound.
max_requests = 2000
max_requests_jitter = 200
# Addresses whose X-Forwarded-* gunicorn believes: the reverse proxy in front.
forwarded_allow_ips = env.string("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# One JSON line per request comes from the app itself; no separate access log.
accesslog = None
# gunicorn's own lines (starting, booting and timing out workers) in the app's JSON format, so
# that a log collector reads one format; with LOG_FORMAT=text, gunicorn's own. A log config turns
# gunicorn's access log on whatever ``accesslog`` says: its logger is muted here, since the app
# logs each request itself (without the query string, which may carry what should not be logged).
if env.string("LOG_FORMAT", "json").lower() == "json":
    loglevel = env.string("LOG_LEVEL", "INFO").lower()
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "tracker.logging.JsonFormatter"}},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}},
        "root": {"level": loglevel.upper(), "handlers": ["console"]},
        "loggers": {
            "gunicorn.error": {"level": loglevel.upper(), "handlers": ["console"], "propagate": False},
            "gunicorn.access": {"level": "CRITICAL", "handlers": [], "propagate": False},
        },
    }
