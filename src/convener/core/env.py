"""Typed readers for ``CONVENER_*`` environment variables.

Every reader names the variable in its error, so a bad value stops the start
with a message an operator can act on. Secrets may also come from a file:
``CONVENER_SECRET_KEY_FILE=/run/secrets/key`` is read when
``CONVENER_SECRET_KEY`` is unset.
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path
from urllib.parse import urlparse
from zoneinfo import available_timezones

from django.core.exceptions import ImproperlyConfigured

PREFIX = "CONVENER_"


def _raw(name: str) -> str | None:
    value = os.environ.get(PREFIX + name)
    if value is None:
        path = os.environ.get(PREFIX + name + "_FILE")
        if path:
            try:
                value = Path(path).read_text(encoding="utf-8").strip()
            except OSError as exc:
                raise ImproperlyConfigured(f"{PREFIX}{name}_FILE={path!r} cannot be read: {exc.strerror}") from exc
    return value


def env_str(name: str, default: str) -> str:
    value = _raw(name)
    return default if value is None or value == "" else value


def env_bool(name: str, default: bool) -> bool:
    value = _raw(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"true", "1", "yes", "on"}:
        return True
    if lowered in {"false", "0", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{PREFIX}{name}={value!r} is not a boolean: use true or false")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    value = _raw(name)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{PREFIX}{name}={value!r} is not a whole number") from None
    if number < minimum:
        raise ImproperlyConfigured(f"{PREFIX}{name}={value!r} must be at least {minimum}")
    return number


def env_list(name: str, default: list[str]) -> list[str]:
    value = _raw(name)
    if value is None or value.strip() == "":
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_url(name: str, schemes: set[str]) -> str | None:
    """A URL whose scheme is one of ``schemes``, or None when unset."""
    value = _raw(name)
    if value is None or value == "":
        return None
    parsed = urlparse(value)
    if parsed.scheme not in schemes:
        allowed = ", ".join(sorted(schemes))
        raise ImproperlyConfigured(
            f"{PREFIX}{name} must be a URL starting with one of: {allowed} (got scheme {parsed.scheme or 'none'!r})"
        )
    return value


def env_time_zone(name: str, default: str) -> str:
    value = env_str(name, default)
    if value not in available_timezones():
        raise ImproperlyConfigured(f"{PREFIX}{name}={value!r} is not a known IANA time zone")
    return value


def data_dir() -> Path:
    """The directory for the SQLite database, the generated key and uploads."""
    path = Path(env_str("DATA_DIR", str(Path.cwd() / "var"))).expanduser().resolve()
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ImproperlyConfigured(f"{PREFIX}DATA_DIR={str(path)!r} cannot be created: {exc.strerror}") from exc
    return path


def secret_key(directory: Path) -> str:
    """The configured secret key, or one generated once and kept in ``directory``."""
    value = _raw("SECRET_KEY")
    if value:
        if len(value) < 50:
            raise ImproperlyConfigured(f"{PREFIX}SECRET_KEY must be at least 50 characters long")
        return value
    key_file = directory / "secret_key"
    if not key_file.exists():
        key_file.touch(mode=0o600)
        key_file.write_text(secrets.token_urlsafe(64), encoding="utf-8")
    return key_file.read_text(encoding="utf-8").strip()


STORAGE_BACKENDS = {
    "filesystem": "django.core.files.storage.FileSystemStorage",
    "s3": "storages.backends.s3.S3Storage",
    "azure": "storages.backends.azure_storage.AzureStorage",
    "google": "storages.backends.gcloud.GoogleCloudStorage",
    "sftp": "storages.backends.sftpstorage.SFTPStorage",
}


def env_json_object(name: str) -> dict[str, object]:
    """A JSON object (``{"bucket_name": "x"}``), or {} when unset."""
    value = _raw(name)
    if value is None or value.strip() == "":
        return {}
    try:
        parsed = json.loads(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{PREFIX}{name} is not valid JSON: {exc}") from None
    if not isinstance(parsed, dict):
        raise ImproperlyConfigured(f'{PREFIX}{name} must be a JSON object, such as {{"bucket_name": "media"}}')
    return parsed


def storage(name: str, location: Path) -> dict[str, object]:
    """The STORAGES entry for uploads: files under ``location``, or a django-storages backend.

    ``CONVENER_STORAGE`` is filesystem (default), s3, azure, google or sftp;
    ``CONVENER_STORAGE_OPTIONS`` is a JSON object of the backend's options
    (credentials may come from ``CONVENER_STORAGE_OPTIONS_FILE``).
    """
    kind = env_str(name, "filesystem").strip().lower()
    if kind not in STORAGE_BACKENDS:
        raise ImproperlyConfigured(
            f"{PREFIX}{name}={kind!r} is not a storage: use one of {', '.join(STORAGE_BACKENDS)}"
        )
    options = env_json_object(name + "_OPTIONS")
    if kind == "filesystem":
        options = {"location": str(location), **options}
    return {"BACKEND": STORAGE_BACKENDS[kind], "OPTIONS": options}
