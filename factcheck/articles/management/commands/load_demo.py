"""Load the demo: the seed article with its claims, and one account per role.

Safe to run again: nothing is duplicated and existing passwords are left alone.
"""

from pathlib import Path
from typing import Any

from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand
from django.db import transaction

from factcheck.articles.services import ArticleText, article_create

SEED = Path(__file__).resolve().parents[3] / "demo" / "zapad-interaction-2021.txt"
ACCOUNTS = [
    # username, group, demo password, superuser
    ("reviewer", "Reviewer", "reviewer-demo-pass", False),
    ("editor", "Editor", "editor-demo-pass", False),
    ("admin", None, "admin-demo-pass", True),
]


class Command(BaseCommand):
    help = "Load the demo article and the reviewer, editor and admin accounts."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            users = {
                name: self._account(name, group, password, superuser)
                for name, group, password, superuser in ACCOUNTS
            }
            article, created = article_create(
                actor=users["reviewer"],
                text=ArticleText(
                    body=SEED.read_text(encoding="utf-8"),
                    publisher="The Moscow Times",
                ),
                title="Russia and China kick off joint military exercises",
            )
        self.stdout.write(
            f"Demo article {'loaded' if created else 'already present'}: {article} "
            f"({article.claims.count()} claims)"
        )

    def _account(self, username: str, group: str | None, password: str, superuser: bool) -> User:
        user, created = User.objects.get_or_create(
            username=username, defaults={"is_staff": superuser, "is_superuser": superuser}
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
            self.stdout.write(f"Created {username!r} with password {password!r}")
        else:
            self.stdout.write(
                f"Account {username!r} exists (demo password {password!r} unless changed)"
            )
        if group:
            user.groups.add(Group.objects.get(name=group))
        return user
