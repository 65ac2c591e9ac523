"""Alerts: matching new policies to subscriptions, signed webhook deliveries and the Atom feed."""
