"""gunicorn settings for the container (``gunicorn tracker.wsgi -c tracker/gunicorn.conf.py``)."""

import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
timeout = int(os.environ.get("WEB_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, so a slow leak cannot grow without bound.
max_requests = 2000
max_requests_jitter = 200
# The reverse proxy in front sets X-Forwarded-*; only it can reach this port.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "*")
# One JSON line per request comes from the app itself; no separate access log.
accesslog = None
worker_tmp_dir = "/dev/shm"  # noqa: S108 - a RAM disk for the heartbeat, per gunicorn docs
