FROM python:3.13-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 STATIC_MANIFEST=1
WORKDIR /app

COPY pyproject.toml README.md ./
COPY factcheck ./factcheck
RUN pip install --no-cache-dir .

COPY . .
# collectstatic needs settings but no database; the key and address are placeholders for this step only.
RUN SECRET_KEY=collectstatic-only SITE_URL=http://collectstatic.invalid python manage.py collectstatic --noinput

RUN useradd --system --home /app factcheck && chown -R factcheck /app
USER factcheck
EXPOSE 8000
CMD ["gunicorn", "factcheck.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
