from django.urls import path

from factcheck.notifications import views

urlpatterns = [
    path("notifications/", views.notification_list, name="notification_list"),
    path("notifications/count/", views.notification_count, name="notification_count"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path("notifications/settings/", views.preferences_save, name="notification_preferences"),
]
