from django.db import migrations


class Migration(migrations.Migration):
    """The status and error of an article's whole job (fetching, then extracting), not of
    the extraction alone. The API keeps its field names (extraction_status/_error)."""

    dependencies = [("articles", "0003_history_and_version")]

    operations = [
        migrations.RenameField("article", "extraction_status", "job_status"),
        migrations.RenameField("article", "extraction_error", "job_error"),
    ]
