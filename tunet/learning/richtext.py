"""Rich text for the handbook and the school: an allow-list of tags, attributes and addresses.

Everything an editor writes goes through clean() before it is stored (Chapter.save,
Lesson.save), so no stored text can carry script, whatever path wrote it. Images may come only
from the handbook's own image library (served by learning:image), never from other sites: an
outside image would tell that site who reads the handbook, and could change behind our back.
"""

import re
from html import unescape

import nh3

TAGS = {
    "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "a", "blockquote",
    "img", "figure", "figcaption", "table", "caption", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
URL_SCHEMES = {"https", "http", "mailto", "tel"}

# The address learning:image gives an uploaded image, matched whole (fullmatch: "$" would let a
# trailing newline through); kept in step with urls.py by a test.
IMAGE_SRC = re.compile(r"/handbok/bilder/(?P<pk>[0-9]+)/")
_IMG_WITHOUT_SRC = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")
_IMG = re.compile(r"<img\b[^>]*>")
_ALT = re.compile(r'\salt="([^"]*)"')
_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|h[2-4]|li|blockquote|figcaption|caption|td|th|tr)>|<br>")


# What a browser drops from an address before reading it: leading and trailing controls and
# spaces, and tabs and newlines anywhere (the URL standard). " //host" and "/\t/host" are "//host".
_URL_EDGES = "".join(map(chr, range(0x21)))
_URL_DROPPED = str.maketrans("", "", "\t\n\r")


def _as_browser_reads(address):
    return address.strip(_URL_EDGES).translate(_URL_DROPPED)


def _attribute_filter(element, attribute, value):
    if (element, attribute) not in {("img", "src"), ("a", "href")}:
        return value
    # Checked and stored as the browser will read it, so that what is checked is what is followed.
    address = _as_browser_reads(value)
    if element == "img":
        return address if IMAGE_SRC.fullmatch(address) else None
    # Relative addresses stay on Tunet; "//host" and "\\host" would leave it while looking relative.
    if address.replace("\\", "/").startswith("//"):
        return None
    return address


def clean(html):
    """The allowed part of html: safe tags, safe links, images only from the handbook's library."""
    cleaned = nh3.clean(
        html or "",
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        attribute_filter=_attribute_filter,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    # An image whose address was refused has nothing left to show.
    return _IMG_WITHOUT_SRC.sub("", cleaned).strip()


def image_ids(html):
    """The ids of the library images the (cleaned) html shows."""
    return {int(m.group("pk")) for m in re.finditer(r'src="(/handbok/bilder/(?P<pk>[0-9]+)/)"', html)}


def images_without_alt(html):
    """How many images in the (cleaned) html have no description."""
    return sum(1 for tag in _IMG.findall(html) if not (m := _ALT.search(tag)) or not m.group(1).strip())


def plain_text(html):
    """The words of the (cleaned) html, one block per line, for search and snippets."""
    text = _BLOCK_END.sub("\n", html)
    text = _TAG.sub(" ", text)
    lines = (" ".join(unescape(line).split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def embed_images(html, images):
    """html with each library image's address replaced by its content (a data: URI), for a PDF.

    images is {id: HandbookImage}; an image missing from it is left out of the PDF.
    """
    from tunet.core.pdf import data_uri

    def replace(match):
        image = images.get(int(match.group("pk")))
        return f'src="{data_uri(image.image, image.content_type)}"' if image else 'src=""'

    return re.sub(r'src="/handbok/bilder/(?P<pk>[0-9]+)/"', replace, html)
