from django.contrib.auth.backends import ModelBackend

from klimakreise.accounts import throttle
from klimakreise.core.client import client_network


class ThrottledEmailBackend(ModelBackend):
    """Email + password login that refuses before hashing once an account or address is throttled.

    Checking the counters first keeps a password-guessing client from making the server compute
    expensive hashes, and keeps the refusal the same whether or not the account exists.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        email = (username or kwargs.get("email") or "").strip().lower()
        address = client_network(request)
        if throttle.is_blocked(email=email, address=address):
            return None
        user = super().authenticate(request, username=email, password=password, **kwargs)
        if user is None:
            throttle.record_failure(email=email, address=address)
        else:
            throttle.reset(email=email)
        return user
