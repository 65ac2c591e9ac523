"""Alert subscriptions through the API with the fake encoder: keys, the allow-list, limits, and
deliveries to a real HTTP receiver on loopback that checks each signature."""

from __future__ import annotations

import time

import pytest

from tests.conftest import ADMIN_KEY
from tests.webhook_receiver import receiving

MEMBER, OTHER = "member-key", "other-member-key"
NOTICE = b"""Notice on Export Credit Insurance Support for Shaoxing Textile Enterprises
Issuer: Shaoxing Municipal Bureau of Commerce
Doc. No.: Shao Shang [2026] No. 3
Date of issue: 10 January 2026
Effective: 2026-02-01

Applicants must be registered in Shaoxing City.

Enterprises with fewer than %d employees may apply.

Eligible textile enterprises receive a subsidy of 50%% of their export credit insurance premium, up to RMB 200,000
per enterprise per year.
"""
FITS = {"region": "Shaoxing", "employees": 120}
TOO_BIG = {"region": "Shaoxing", "employees": 500}


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def alerts_app(fake_app):
    def make(**update: object):
        values = {"api_keys": [MEMBER, OTHER], "webhook_allowed_hosts": ["127.0.0.1"],
                  "webhook_poll_seconds": 0.05, "webhook_retry_seconds": 0.05, "webhook_timeout_seconds": 5,
                  **update}
        return fake_app(**values)

    return make


def subscribe(api, url: str, profile: dict | None = None, key: str = MEMBER, **extra: object):
    return api.post("/api/subscriptions", json={"profile": profile or {}, "webhook_url": url, **extra},
                    headers=auth(key))


def upload(api, name: str = "credit_2026.txt", employees: int = 300) -> None:
    r = api.post("/api/documents", files={"file": (name, NOTICE % employees)}, headers=auth(ADMIN_KEY),
                 params={"replace": "true"})
    assert r.status_code == 201, r.text


def test_a_matching_new_notice_is_delivered_once_signed(alerts_app) -> None:
    with receiving() as receiver, alerts_app() as api:
        made = subscribe(api, receiver.url, FITS, lang="en")
        assert made.status_code == 201, made.text
        sub = made.json()
        assert sub["secret"].startswith("whsec_") and sub["id"].startswith("sub_") and sub["lang"] == "en"
        receiver.secrets[sub["id"]] = sub["secret"]
        other = subscribe(api, receiver.url, TOO_BIG, key=OTHER).json()  # fails a condition: no alert
        receiver.secrets[other["id"]] = other["secret"]
        upload(api)
        [got] = receiver.wait(1)
        time.sleep(0.3)  # nothing else arrives: not for the other profile, not a second time
        assert len(receiver.received) == 1 and receiver.signed(got)
        assert got.path == "/hooks/policybot" and got.headers["content-type"] == "application/json"
        assert got.headers["x-policybot-delivery"] == got.event["delivery_id"]
        assert abs(int(got.headers["x-policybot-timestamp"]) - time.time()) < 60
        event = got.event
        assert event["type"] == "policy.matched" and event["subscription_id"] == sub["id"]
        assert event["change"] == "added"
        doc = event["document"]
        assert doc["doc_id"] == "credit_2026" and doc["status"] == "in_force" and doc["doc_number"]
        assert {i["status"] for i in doc["checklist"]} <= {"met", "unknown"} and doc["met"] == 2
        assert all(i["quote"] for i in doc["checklist"]) and doc["path"] == "/api/documents/credit_2026"
        listed = api.get("/api/subscriptions", headers=auth(MEMBER)).json()
        assert [s["id"] for s in listed] == [sub["id"]] and "secret" not in listed[0]
        assert listed[0]["deliveries"] == {"delivered": 1, "failed": 0, "pending": 0}
        assert listed[0]["profile"] == FITS


def test_a_receiver_failing_twice_gets_exactly_one_acknowledged_delivery(alerts_app) -> None:
    with receiving([503, 500]) as receiver, alerts_app() as api:
        sub = subscribe(api, receiver.url, FITS).json()
        receiver.secrets[sub["id"]] = sub["secret"]
        upload(api)
        [acknowledged] = receiver.wait(1)
        time.sleep(0.3)
        assert [r.status for r in receiver.received] == [503, 500, 200]
        assert len({r.headers["x-policybot-delivery"] for r in receiver.received}) == 1  # one delivery, retried
        assert len({r.body for r in receiver.received}) == 1 and all(receiver.signed(r) for r in receiver.received)
        [row] = api.app.state.alerts.deliveries(sub["id"])
        assert row["attempts"] == 3 and row["delivered_at"] and row["last_error"] is None


def test_a_changed_notice_is_news_and_the_same_version_never_is_twice(alerts_app) -> None:
    with receiving() as receiver, alerts_app() as api:
        sub = subscribe(api, receiver.url, FITS).json()
        receiver.secrets[sub["id"]] = sub["secret"]
        upload(api, employees=300)
        receiver.wait(1)
        upload(api, employees=250)  # changed in place: new content hash
        second = receiver.wait(2)[1]
        assert second.event["change"] == "updated" and receiver.signed(second)
        r = api.delete("/api/documents/credit_2026", headers=auth(ADMIN_KEY))
        assert r.status_code == 200
        upload(api, employees=250)  # the same version again: already announced
        time.sleep(0.4)
        assert len(receiver.received) == 2


def test_a_receiver_that_never_acknowledges_is_given_up_on(alerts_app) -> None:
    with receiving([500, 302, 500]) as receiver, alerts_app(webhook_max_attempts=3) as api:
        sub = subscribe(api, receiver.url, FITS).json()
        upload(api)
        deadline = time.monotonic() + 20
        while not any(r["failed_at"] for r in api.app.state.alerts.deliveries(sub["id"])):
            assert time.monotonic() < deadline
            time.sleep(0.05)
        [row] = api.app.state.alerts.deliveries(sub["id"])
        assert row["attempts"] == 3 and row["last_error"].startswith("HTTP 500") and len(row["last_error"]) < 300
        assert [r.status for r in receiver.received] == [500, 302, 500]  # the redirect was not followed
        assert api.get("/api/subscriptions", headers=auth(MEMBER)).json()[0]["deliveries"]["failed"] == 1


def test_keys_are_required_and_each_sees_and_deletes_only_its_own(alerts_app) -> None:
    with alerts_app() as api:
        url = "http://127.0.0.1:9/hook"
        for headers in ({}, auth("not-a-key"), auth(ADMIN_KEY)):
            r = api.post("/api/subscriptions", json={"webhook_url": url}, headers=headers)
            assert r.status_code == 401, r.text
            assert api.get("/api/subscriptions", headers=headers).status_code == 401
            assert api.delete("/api/subscriptions/sub_x", headers=headers).status_code == 401
        mine = subscribe(api, url).json()["id"]
        assert api.delete(f"/api/subscriptions/{mine}", headers=auth(OTHER)).status_code == 404
        assert api.get("/api/subscriptions", headers=auth(OTHER)).json() == []
        assert api.delete(f"/api/subscriptions/{mine}", headers=auth(MEMBER)).status_code == 204
        assert api.delete(f"/api/subscriptions/{mine}", headers=auth(MEMBER)).status_code == 404
        assert api.get("/api/subscriptions", headers=auth(MEMBER)).json() == []


REFUSED_URLS = [
    ("http://hooks.example.com/x", "not on the allow-list"),
    ("http://127.0.0.2/x", "not on the allow-list"),
    ("ftp://127.0.0.1/x", "http:// or https://"),
    ("http://user:pw@127.0.0.1/x", "user name or password"),
    ("http://127.0.0.1@hooks.example.com/x", "user name or password"),
    ("http://127.0.0.1/x#frag", "fragment"),
    ("http://127.0.0.1:99999/x", "not a valid URL"),
    ("http://127.0.0.1/ x", "whitespace"),
    ("http://127.0.0.1\\@hooks.example.com/", "backslash"),
    ("/relative", "http:// or https://"),
    ("http://127.0.0.1/" + "a" * 2000, "at most 2000"),
]


def test_webhook_urls_off_the_allow_list_or_malformed_are_refused(alerts_app) -> None:
    with alerts_app() as api:
        for url, says in REFUSED_URLS:
            r = subscribe(api, url)
            assert r.status_code == 422 and says in r.text, (url, r.text[:300])
        assert api.get("/api/subscriptions", headers=auth(MEMBER)).json() == []


def test_subscriptions_are_off_without_an_allow_list_and_bounded_per_key(alerts_app) -> None:
    with alerts_app(webhook_allowed_hosts=[]) as api:
        r = subscribe(api, "https://hooks.example.com/x")
        assert r.status_code == 403 and "POLICYBOT_WEBHOOK_ALLOWED_HOSTS" in r.json()["detail"]
    with alerts_app(max_subscriptions_per_key=2) as api:
        assert [subscribe(api, "http://127.0.0.1/a").status_code for _ in range(3)] == [201, 201, 409]
        assert subscribe(api, "http://127.0.0.1/a", key=OTHER).status_code == 201  # per key
        for body in ({"webhook_url": "http://127.0.0.1/a", "profile": {"turnover": 1}},
                     {"webhook_url": "http://127.0.0.1/a", "extra": 1}, {"profile": {}},
                     {"webhook_url": "http://127.0.0.1/a", "lang": "fr"}, {"webhook_url": 7}):
            assert api.post("/api/subscriptions", json=body, headers=auth(OTHER)).status_code == 422, body


def test_without_a_database_subscriptions_are_off(alerts_app) -> None:
    with alerts_app(analytics_db=None) as api:
        r = subscribe(api, "http://127.0.0.1/a")
        assert r.status_code == 403 and "database" in r.json()["detail"]
