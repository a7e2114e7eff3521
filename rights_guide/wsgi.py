"""WSGI entry point for gunicorn: ``gunicorn rights_guide.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rights_guide.settings")
application = get_wsgi_application()
