"""Interface of the email outbox (implemented in issue 3's outbox work).

Every email is a database row first; `klimakreise worker` sends due rows over SMTP.
"""
