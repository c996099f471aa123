"""Word postings of the imported fact-checks, kept by triggers (PostgreSQL only): the
matcher's candidates are ranked from index entries alone (`factcheck.factchecks.postings`).
SQLite (the demo) scans recent rows in Python instead."""

from django.db import migrations

from factcheck.factchecks.postings import postings_operation


class Migration(migrations.Migration):
    dependencies = [("factchecks", "0004_translatable_names")]
    operations = [postings_operation("factchecks_factcheck", "search", "factchecks_posting")]
