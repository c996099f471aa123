from django.urls import path

from factcheck.monitoring import views

urlpatterns = [
    path("feeds/", views.feed_list, name="feed_list"),
    path("feeds/upload/", views.transcripts_upload, name="transcripts_upload"),
    path("feeds/<int:pk>/", views.feed_detail, name="feed_detail"),
    path("feeds/<int:pk>/resume/", views.feed_resume, name="feed_resume"),
    path("seen-again/", views.seen_again, name="seen_again"),
    path(
        "seen-again/<int:pk>/publish/",
        views.sighting_decide,
        {"decision": "publish"},
        name="sighting_publish",
    ),
    path(
        "seen-again/<int:pk>/dismiss/",
        views.sighting_decide,
        {"decision": "dismiss"},
        name="sighting_dismiss",
    ),
]
