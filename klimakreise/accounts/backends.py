from django.contrib.auth.backends import ModelBackend

from klimakreise.accounts import throttle
from klimakreise.core.client import client_network


class ThrottledEmailBackend(ModelBackend):
    """Email + password login that refuses before hashing once an account or address is throttled.

    Counting the attempt first (atomically, see accounts.throttle) keeps a password-guessing
    client from making the server compute expensive hashes, also with many concurrent requests,
    and keeps the refusal the same whether or not the account exists.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        email = (username or kwargs.get("email") or "").strip().lower()
        address = client_network(request)
        if not throttle.reserve_attempt(email=email, address=address):
            return None
        user = super().authenticate(request, username=email, password=password, **kwargs)
        if user is not None:
            throttle.record_success(email=email, address=address)
        return user
