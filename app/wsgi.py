"""The WSGI entry point gunicorn serves: `app.wsgi:app`."""
from . import create_app

app = create_app()
