"""The admin answers a missing or malformed object address as Django's admin does (403
without the permission, a redirect with a message with it), never with a 500."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.db.models import Model
from django.test import Client

from tests.factories import make_user

pytestmark = pytest.mark.django_db

MODELS = sorted(admin.site._registry, key=lambda model: model._meta.label)


def staff_client(*perms: str) -> Client:
    user = make_user("staffer", is_staff=True)
    for perm in perms:
        app_label, codename = perm.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def change_url(model: type[Model], object_id: str) -> str:
    return f"/admin/{model._meta.app_label}/{model._meta.model_name}/{object_id}/change/"


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.label)
@pytest.mark.parametrize("object_id", ["999999", "not-a-number"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_staff_user_without_permissions_gets_403_for_a_missing_object(
    model: type[Model], object_id: str, method: str
) -> None:
    client = staff_client()
    response = getattr(client, method)(change_url(model, object_id))
    assert response.status_code == 403


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.label)
def test_a_staff_user_who_may_view_is_sent_back_from_a_missing_object(
    model: type[Model],
) -> None:
    client = staff_client(f"{model._meta.app_label}.view_{model._meta.model_name}")
    response = client.get(change_url(model, "999999"))
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
