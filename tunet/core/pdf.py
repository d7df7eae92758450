"""PDF documents (revision reports, agreements, invoice bases, certificates) from HTML templates.

WeasyPrint renders a template with the machine's own Pango. It never fetches anything over the
network: stylesheets and images come from the app's static files, and private files (photos,
evidence) are put into the HTML as data: URIs by the view that is allowed to read them.
"""

import base64
import mimetypes

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.text import slugify

STATIC_PREFIX = "tunet-static:/"


def _fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalOnly(URLFetcher):
        """Static files from the app and data: URIs; anything else (the network, file:) is refused."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if url.startswith(STATIC_PREFIX):
                path = finders.find(url.removeprefix(STATIC_PREFIX).lstrip("/"))
                if path:
                    with open(path, "rb") as handle:
                        content = handle.read()
                    return URLFetcherResponse(url, content, {"Content-Type": mimetypes.guess_type(path)[0]})
            raise ValueError(f"PDF may not fetch {url!r}")

    return LocalOnly(fail_on_errors=True)


def render_pdf(template_name, context, request=None):
    """The PDF bytes of a template. In the template, `{{ pdf_static }}tunet/pdf.css` names a static file."""
    from weasyprint import HTML

    html = render_to_string(template_name, {**context, "pdf_static": STATIC_PREFIX}, request=request)
    return HTML(string=html, url_fetcher=_fetcher(), base_url=STATIC_PREFIX).write_pdf()


def pdf_response(template_name, context, filename, request=None):
    """An HTTP download of the rendered PDF, named filename (made safe for a header)."""
    response = HttpResponse(render_pdf(template_name, context, request), content_type="application/pdf")
    safe = slugify(filename.removesuffix(".pdf")) or "dokument"
    response["Content-Disposition"] = f'attachment; filename="{safe}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def data_uri(field_file, content_type=None):
    """A private file (an ImageField/FileField value) as a data: URI, for embedding in a PDF.

    Stored names carry no extension, so without content_type the type is read from the bytes.
    """
    from .uploads import image_type_of

    content_type = content_type or image_type_of(field_file)
    with field_file.open("rb") as handle:
        content = handle.read()
    return f"data:{content_type};base64,{base64.b64encode(content).decode('ascii')}"
