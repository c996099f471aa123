"""The caller's notifications through the API."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from factcheck.api import NewestFirstPagination, errors
from factcheck.notifications import services
from factcheck.notifications.models import Kind, Notification


class NotificationSerializer(serializers.ModelSerializer[Notification]):
    unread = serializers.SerializerMethodField()
    actor: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    kind = serializers.ChoiceField(choices=Kind.choices)

    class Meta:
        model = Notification
        fields = ["id", "kind", "text", "claim", "actor", "created_at", "read_at", "unread"]
        read_only_fields = fields

    def get_unread(self, obj: Notification) -> bool:
        return obj.read_at is None


class ReadSerializer(serializers.Serializer[Any]):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        help_text="The notifications to mark read; without it, all of yours.",
    )


class ReadResultSerializer(serializers.Serializer[Any]):
    marked = serializers.IntegerField()


@extend_schema(
    summary="Your notifications, newest first",
    responses={200: NotificationSerializer(many=True), **errors(400, 403, 404)},
)
class NotificationListView(generics.ListAPIView[Notification]):
    serializer_class = NotificationSerializer
    pagination_class = NewestFirstPagination
    filter_backends: list[Any] = []

    def get_queryset(self) -> Any:
        return Notification.objects.for_user(self.request.user).select_related("actor")


class NotificationReadView(APIView):
    @extend_schema(
        summary="Mark notifications read",
        request=ReadSerializer,
        responses={200: ReadResultSerializer, **errors(400, 403)},
    )
    def post(self, request: Request) -> Response:
        form = ReadSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        marked = services.notifications_mark_read(
            user=request.user,  # type: ignore[arg-type]
            ids=form.validated_data.get("ids"),
        )
        return Response({"marked": marked})
