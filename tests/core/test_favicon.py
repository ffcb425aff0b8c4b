from django.templatetags.static import static


def test_favicon_ico_leads_to_the_site_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == static("klimakreise/favicon.svg")


def test_pages_name_the_site_icon(client, db):
    html = client.get("/").content.decode()
    assert f'rel="icon" href="{static("klimakreise/favicon.svg")}"' in html
