import pytest
from django.test import RequestFactory

from klimakreise.core.client import UNKNOWN, client_address, client_network


def request_from(remote="10.0.0.5", forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


def test_without_a_proxy_the_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request_from("203.0.113.7", forwarded="198.51.100.1")) == "203.0.113.7"


def test_behind_one_proxy_the_address_it_appended_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = request_from("127.0.0.1", forwarded="1.2.3.4, 198.51.100.9")
    assert client_address(request) == "198.51.100.9"  # "1.2.3.4" was written by the client


def test_behind_two_proxies_the_outer_proxys_entry_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = request_from("127.0.0.1", forwarded="6.6.6.6, 198.51.100.9, 10.0.0.2")
    assert client_address(request) == "198.51.100.9"


def test_a_request_that_bypassed_the_proxy_counts_by_its_own_address(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request_from("203.0.113.7")) == "203.0.113.7"


def test_a_unix_socket_without_address_is_unknown_not_an_error(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request_from("")) == UNKNOWN


@pytest.mark.parametrize(
    ("address", "network"),
    [("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"), ("198.51.100.9", "198.51.100.9")],
)
def test_ipv6_clients_count_by_their_64_network(settings, address, network):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_network(request_from(address)) == network


def test_a_negative_proxy_count_stops_the_start(settings):
    from klimakreise.core.checks import check_configuration

    settings.TRUSTED_PROXY_COUNT = -1
    assert "klimakreise.E003" in [problem.id for problem in check_configuration(None)]
