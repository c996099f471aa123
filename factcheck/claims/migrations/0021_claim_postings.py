"""Word postings of our claims' `match_vector`, kept by triggers (PostgreSQL only): the
matcher's candidates are ranked from index entries alone (`factcheck.factchecks.postings`).
SQLite (the demo) scans recent claims in Python instead."""

from django.db import migrations

from factcheck.factchecks.postings import postings_operation


class Migration(migrations.Migration):
    dependencies = [("claims", "0020_field_names")]
    operations = [postings_operation("claims_claim", "match_vector", "claims_posting")]
