"""The claims' history keeps the indexes it is read through (claim, person, date, and
Insight's own) and drops ten that no query used: each made every history row, a thousand
for a bulk action, write one more index entry."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0006_article_language_index'),
        ('claims', '0017_translatable_names'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='historicalclaim',
            name='article',
            field=models.ForeignKey(blank=True, db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='articles.article'),
        ),
        migrations.AlterField(
            model_name='historicalclaim',
            name='assignee',
            field=models.ForeignKey(blank=True, db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AlterField(
            model_name='historicalclaim',
            name='created_at',
            field=models.DateTimeField(blank=True, editable=False),
        ),
        migrations.AlterField(
            model_name='historicalclaim',
            name='created_by',
            field=models.ForeignKey(blank=True, db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AlterField(
            model_name='historicalclaim',
            name='duplicate_confirmed_by',
            field=models.ForeignKey(blank=True, db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AlterField(
            model_name='historicalclaim',
            name='duplicate_marked_by',
            field=models.ForeignKey(blank=True, db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AlterField(
            model_name='historicalclaim',
            name='duplicate_of',
            field=models.ForeignKey(blank=True, db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='claims.claim'),
        ),
        migrations.AlterField(
            model_name='historicalclaim',
            name='low_priority',
            field=models.BooleanField(default=False, help_text='Proposed by the machine with a score below CLAIM_LOW_PRIORITY_BELOW.'),
        ),
        migrations.AlterField(
            model_name='historicalclaim',
            name='status',
            field=models.CharField(choices=[('new', 'New'), ('dismissed', 'Dismissed'), ('checking', 'Checking'), ('awaiting_approval', 'Awaiting approval'), ('published', 'Published')], default='new', max_length=20),
        ),
    ]
