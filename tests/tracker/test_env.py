"""tracker.env: every bad value is refused with a message naming the variable."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from tracker.env import Env


@pytest.mark.parametrize(
    ("raw", "expected"), [("true", True), ("1", True), ("YES", True), ("off", False), ("0", False)]
)
def test_it_reads_booleans(raw, expected):
    assert Env({"DEBUG": raw}).boolean("DEBUG", not expected) is expected


@pytest.mark.parametrize("environ", [{}, {"DEBUG": "", "PORT": " ", "ALLOWED_HOSTS": ""}])
def test_unset_or_empty_means_the_default(environ):
    assert Env(environ).boolean("DEBUG", True) is True
    assert Env(environ).integer("PORT", 8000) == 8000
    assert Env(environ).strings("ALLOWED_HOSTS", ["localhost"]) == ["localhost"]


def test_a_bad_boolean_names_the_variable():
    with pytest.raises(ImproperlyConfigured, match=r"DEBUG='maybe' is not a boolean"):
        Env({"DEBUG": "maybe"}).boolean("DEBUG", False)


def test_a_bad_number_names_the_variable_and_the_limit():
    with pytest.raises(ImproperlyConfigured, match=r"DEADLINE_SWEEP_SECONDS='soon' is not a whole number"):
        Env({"DEADLINE_SWEEP_SECONDS": "soon"}).integer("DEADLINE_SWEEP_SECONDS", 60)
    with pytest.raises(ImproperlyConfigured, match=r"PORT=0 is too small: the minimum is 1"):
        Env({"PORT": "0"}).integer("PORT", 8000, minimum=1)
    with pytest.raises(ImproperlyConfigured, match=r"PORT=70000 is too large"):
        Env({"PORT": "70000"}).integer("PORT", 8000, maximum=65535)


def test_it_reads_reminder_leads_longest_first():
    leads = Env({"DEADLINE_REMINDER_LEADS": "1d, 7d,12h,1d"}).durations("DEADLINE_REMINDER_LEADS", "7d,1d")
    assert leads == [dt.timedelta(days=7), dt.timedelta(days=1), dt.timedelta(hours=12)]


@pytest.mark.parametrize("raw", ["7 days", "0d", "-1d", "1y", "d"])
def test_a_bad_duration_names_the_variable(raw):
    with pytest.raises(ImproperlyConfigured, match=r"^DEADLINE_REMINDER_LEADS="):
        Env({"DEADLINE_REMINDER_LEADS": raw}).durations("DEADLINE_REMINDER_LEADS", "7d,1d")


def test_it_reads_database_urls():
    config = Env({"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/tracker"}).database("DATABASE_URL", "")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "tracker"


@pytest.mark.parametrize("url", ["mysql://root@localhost/db", "not a url", "postgres://host:5432/"])
def test_an_unusable_database_url_names_the_variable(url):
    with pytest.raises(ImproperlyConfigured, match=r"^DATABASE_URL="):
        Env({"DATABASE_URL": url}).database("DATABASE_URL", "sqlite:///x.sqlite3")


@pytest.mark.parametrize(
    ("name", "read", "url"),
    [
        ("DATABASE_URL", "database", "postgres://tracker:TopSecretPw@127.0.0.1:5432/"),
        ("DATABASE_URL", "database", "mysql://root:TopSecretPw@localhost/db"),
        ("CELERY_BROKER_URL", "broker_url", "amqp://guest:TopSecretPw@localhost//"),
        ("CACHE_URL", "cache", "memcached://cache:TopSecretPw@localhost:11211"),
        # Too malformed to parse (an unclosed IPv6 bracket): masked all the same.
        ("DATABASE_URL", "database", "postgres://tracker:TopSecretPw@[::1:5432/tracker"),
    ],
)
def test_an_error_about_a_url_masks_its_password(name, read, url):
    with pytest.raises(ImproperlyConfigured) as error:
        getattr(Env({name: url}), read)(name, "")
    assert str(error.value).startswith(f"{name}=")
    assert "TopSecretPw" not in str(error.value)
    assert ":***@" in str(error.value)


@pytest.mark.parametrize("rate", ["120/minute", "5/s", "5000/day", "10/hour", "1/min"])
def test_it_reads_throttle_rates(rate):
    assert Env({"API_THROTTLE_ANON": rate}).rate("API_THROTTLE_ANON", "120/minute") == rate


@pytest.mark.parametrize("rate", ["lots", "100/fortnight", "100 / minute", "/minute", "-1/minute", "1.5/minute"])
def test_a_bad_throttle_rate_names_the_variable(rate):
    with pytest.raises(ImproperlyConfigured, match=r"^API_THROTTLE_ANON=.* is not a rate"):
        Env({"API_THROTTLE_ANON": rate}).rate("API_THROTTLE_ANON", "120/minute")


def test_an_unknown_broker_names_the_variable():
    with pytest.raises(ImproperlyConfigured, match=r"^CELERY_BROKER_URL='amqp://"):
        Env({"CELERY_BROKER_URL": "amqp://guest@localhost//"}).broker_url("CELERY_BROKER_URL", "filesystem://")


def test_caches():
    assert Env({}).cache("CACHE_URL", "locmem://")["BACKEND"].endswith("LocMemCache")
    redis = Env({"CACHE_URL": "redis://127.0.0.1:6379/1"}).cache("CACHE_URL", "locmem://")
    assert (redis["BACKEND"], redis["LOCATION"]) == (
        "django.core.cache.backends.redis.RedisCache",
        "redis://127.0.0.1:6379/1",
    )
    with pytest.raises(ImproperlyConfigured, match=r"^CACHE_URL='memcached://"):
        Env({"CACHE_URL": "memcached://x"}).cache("CACHE_URL", "locmem://")
    files = Env({"CACHE_URL": "file:///srv/tracker/cache"}).cache("CACHE_URL", "locmem://")
    assert (files["BACKEND"], files["LOCATION"]) == ("utilities.cache.LockedFileCache", "/srv/tracker/cache")
    with pytest.raises(ImproperlyConfigured, match=r"^CACHE_URL='file://var/cache': a file cache needs an absolute"):
        Env({"CACHE_URL": "file://var/cache"}).cache("CACHE_URL", "locmem://")


def test_the_default_cache_is_a_file_cache_under_var_dir():
    """What make run's several gunicorn workers share (the tests run on locmem:// by pyproject's env)."""
    code = "from django.conf import settings; c = settings.CACHES['default']; print(c['BACKEND'], c['LOCATION'])"
    env = {k: v for k, v in os.environ.items() if k != "CACHE_URL"}
    env.update(DJANGO_SETTINGS_MODULE="tracker.settings", VAR_DIR="/tmp/ceasefire-cache-default")
    out = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"], env=env, capture_output=True, text=True
    )
    assert out.stdout.split() == ["utilities.cache.LockedFileCache", "/tmp/ceasefire-cache-default/cache"], out.stderr


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("127.0.0.1", "127.0.0.1"),
        ("0.0.0.0", "0.0.0.0"),
        ("localhost", "localhost"),
        ("tracker.example.org", "tracker.example.org"),
        ("::1", "[::1]"),
        ("[::1]", "[::1]"),
        ("::", "[::]"),
        ("0:0:0:0:0:0:0:1", "[::1]"),
    ],
)
def test_a_host_reads_ready_for_host_and_port(raw, expected):
    """An IPv6 address in brackets, as ``HOST:PORT`` and a URL need it, however it was written."""
    assert Env({"HOST": raw}).host("HOST", "127.0.0.1") == expected


@pytest.mark.parametrize(
    "raw",
    ["127.0.0.1:8000", "[::1]:8000", "::1::2", "http://example.org", "a b", "[localhost]", "999.1.1.1", "1.2.3.4.5"],
)
def test_a_bad_host_names_the_variable(raw):
    with pytest.raises(ImproperlyConfigured, match="HOST="):
        Env({"HOST": raw}).host("HOST", "127.0.0.1")
