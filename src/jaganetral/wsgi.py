import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jaganetral.settings")
application = get_wsgi_application()

# A server started without `jaganetral serve`/`web` still refuses to run with sealed identities and
# no (or another) seal key: one line on stderr, exit code 3 (gunicorn then stops, not retries).
from jaganetral.ops import preflight  # noqa: E402 - after Django is set up

preflight.require_if_possible()
