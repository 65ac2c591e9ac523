"""Property-based fuzzing against the app's own OpenAPI schema: no 5xx, responses match it."""

import atexit
import shutil
import tempfile
from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from app.server import create_app
from core.settings import Settings

pytestmark = pytest.mark.e2e  # the real model and a real index

_BASE = Path(tempfile.mkdtemp(prefix="policybot-fuzz-"))
atexit.register(shutil.rmtree, _BASE, ignore_errors=True)
# The app is built here (cheap: model and index load lazily) so the schema can be read at
# collection time; the fixture below points it at the session's real index before any call.
APP = create_app(Settings(
    index=_BASE / "index", corpus=_BASE / "corpus", admin_keys=["fuzz-admin"],
    analytics_db=_BASE / "analytics.sqlite3", rate_limit_per_minute=0,
    max_body_bytes=10_000_000,  # let oversized fields reach validation (the limit has its own test)
))
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(scope="module", autouse=True)
def live_app(real_settings):
    (_BASE / "corpus").mkdir(exist_ok=True)
    (_BASE / "index").symlink_to(real_settings.index.resolve())
    with TestClient(APP):  # lifespan: model, index and question log
        yield


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case):
    # Schema-valid input may still be refused on meaning (a date range that ends before it
    # starts, a doc_id the index lacks): a 422 there is the documented answer, not a failure.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
