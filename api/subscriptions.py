"""Alert subscriptions: a member's company profile and the webhook told of matching new policies.

Thin: the member's key (``Member``; 401 without one), the URL checked against the allow-list
(``bot.alerts.webhooks``), then one call into ``bot.storage.alerts.AlertStore``. Deliveries are made by
``bot.alerts.delivery.AlertWorker`` in every serving process.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response

from api.auth import Bot, Member
from api.errors import documented
from api.match import profile_lang
from api.schemas import SubscriptionCreated, SubscriptionIn, SubscriptionOut
from bot.alerts.webhooks import check_webhook_url, new_secret
from bot.storage.alerts import AlertStore
from core.errors import Forbidden

router = APIRouter(prefix="/api/subscriptions", tags=["alerts"])


async def get_alerts(request: Request) -> AlertStore:
    store = getattr(request.app.state, "alerts", None)
    if store is None:
        raise Forbidden("subscriptions need a database: POLICYBOT_DATABASE_URL or POLICYBOT_ANALYTICS_DB")
    return store


Alerts = Annotated[AlertStore, Depends(get_alerts)]


@router.post("", status_code=201, response_model=SubscriptionCreated, responses=documented(401, 403, 409))
def subscribe(body: SubscriptionIn, bot: Bot, member: Member, alerts: Alerts) -> dict[str, Any]:
    """Be told (a signed JSON POST to `webhook_url`) when an index build adds or changes a document
    in force that the profile may apply for (no condition `unmet`). The answer holds the `secret`
    the deliveries are signed with, shown only here."""
    url = check_webhook_url(body.webhook_url, bot.settings.webhook_allowed_hosts)
    profile = body.profile.model_dump(exclude_none=True)
    return alerts.subscribe(member, profile, url, profile_lang(body.profile, body.lang), new_secret(),
                            bot.settings.max_subscriptions_per_key)


@router.get("", response_model=list[SubscriptionOut], responses=documented(401, 403))
def subscriptions(member: Member, alerts: Alerts) -> list[dict[str, Any]]:
    """This key's subscriptions with their deliveries counted (never their secrets)."""
    return alerts.subscriptions_of(member)


@router.delete("/{subscription_id}", status_code=204, response_class=Response,
               responses=documented(401, 403, 404))
def unsubscribe(subscription_id: str, member: Member, alerts: Alerts) -> Response:
    """Unsubscribe: the subscription and its pending deliveries go. Another key's is a 404."""
    alerts.unsubscribe(member, subscription_id)
    return Response(status_code=204)
