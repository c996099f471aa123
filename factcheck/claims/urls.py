from django.urls import path

from factcheck.claims import public, views
from factcheck.claims.views import reader

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("articles/<int:pk>/", reader.article_detail, name="article_detail"),
    path("articles/<int:pk>/claims/", reader.article_add_claim, name="article_add_claim"),
    path("claims/", views.claim_list, name="claim_list"),
    path("claims/bulk/", views.claim_bulk, name="claim_bulk"),
    path("claims/<int:pk>/", views.claim_detail, name="claim_detail"),
    path("claims/<int:pk>/edit/", views.claim_edit, name="claim_edit"),
    path("claims/<int:pk>/dismiss/", views.claim_dismiss, name="claim_dismiss"),
    path("claims/<int:pk>/restore/", views.claim_restore, name="claim_restore"),
    path("claims/<int:pk>/assign/", views.claim_assign, name="claim_assign"),
    path("claims/<int:pk>/take/", views.claim_take, name="claim_take"),
    path("claims/<int:pk>/repeat/", views.claim_mark_duplicate, name="claim_mark_duplicate"),
    path(
        "claims/<int:pk>/cite-factcheck/", views.claim_cite_factcheck, name="claim_cite_factcheck"
    ),
    path(
        "claims/<int:pk>/publish-repeat/",
        views.claim_publish_duplicate,
        name="claim_publish_duplicate",
    ),
    path("claims/<int:pk>/sources/", views.source_add, name="source_add"),
    path("claims/<int:pk>/verdict/", views.verdict_save, name="verdict_save"),
    path("claims/<int:pk>/comments/", views.comment_add, name="comment_add"),
    path("sources/<int:pk>/archive/", views.source_archive, name="source_archive"),
    path("verdicts/<int:pk>/approve/", views.verdict_approve, name="verdict_approve"),
    path("verdicts/<int:pk>/send-back/", views.verdict_send_back, name="verdict_send_back"),
    path("fact-checks/", public.fact_check_index, name="fact_check_index"),
    path("fact-checks/feed.atom", public.FactCheckFeed(), name="fact_check_feed"),
    path("fact-checks/<int:pk>/", views.claim_public, name="claim_public"),
    path("ratings.css", views.rating_styles, name="rating_styles"),
]
