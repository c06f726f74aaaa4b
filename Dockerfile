FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HOST=0.0.0.0 \
    PORT=8000

RUN useradd --create-home --uid 10001 backprop
WORKDIR /srv/backprop

# templates/ and static/ sit beside app/ and are served from this folder, hence the
# editable install (see README).
COPY pyproject.toml README.md gunicorn.conf.py ./
COPY app/ app/
COPY templates/ templates/
COPY static/ static/
RUN pip install --no-cache-dir -e .

USER backprop
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["python", "-c", "import os, sys, urllib.request; r = urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '8000'), timeout=4); sys.exit(0 if r.status == 200 else 1)"]

CMD ["gunicorn", "-c", "gunicorn.conf.py", "app.wsgi:app"]
