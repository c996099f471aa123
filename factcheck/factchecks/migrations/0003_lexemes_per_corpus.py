"""Word counts per corpus: the matcher searches our claims as well as imported fact-checks.

The counts are derived data: the first lookup after this migration counts them again.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("factchecks", "0002_reviewers_read_fact_checks")]

    operations = [
        migrations.DeleteModel(name="Lexeme"),
        migrations.CreateModel(
            name="Lexeme",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("corpus", models.CharField(max_length=32)),
                ("lexeme", models.CharField(max_length=255)),
                ("documents", models.BigIntegerField()),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("corpus", "lexeme"), name="lexeme_unique_per_corpus"
                    )
                ],
            },
        ),
    ]
