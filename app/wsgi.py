"""The WSGI entry point gunicorn serves: `app.wsgi:app`, built from the BP_… environment variables."""
import os

from . import create_app
from .settings import from_environment

app = create_app(from_environment(os.environ))
