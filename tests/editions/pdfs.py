"""Files made for the preview tests: ordinary PDFs, and PDFs and images crafted to hurt."""

import io
import struct
import zlib

import pypdfium2


def pdf_with_pages(*sizes: tuple[float, float], repeat: int = 1) -> bytes:
    """A PDF made with PDFium whose pages have these sizes (in points), `repeat` times over."""
    document = pypdfium2.PdfDocument.new()
    for _ in range(repeat):
        for width, height in sizes:
            document.new_page(width, height)
    buffer = io.BytesIO()
    document.save(buffer)
    document.close()
    return buffer.getvalue()


def written_pdf(objects: list[bytes]) -> bytes:
    """A PDF written by hand: object 1 is the catalog; a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
ONE_PAGE_TREE = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"


def red_square_pdf() -> bytes:
    """One A4-landscape page (842 × 595 pt), white, with a red square at (100, 100)-(500, 400)."""
    stream = b"1 0 0 rg 100 100 400 300 re f"
    return written_pdf(
        [
            CATALOG,
            ONE_PAGE_TREE,
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Contents 4 0 R >>",
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        ]
    )


def nested_arrays_pdf(depth: int) -> bytes:
    """One page whose dictionary holds an array nested `depth` deep."""
    deep = b"[" * depth + b"]" * depth
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Deep " + deep + b" >>"
    return written_pdf([CATALOG, ONE_PAGE_TREE, page])


def nested_dictionaries_pdf(depth: int) -> bytes:
    """A catalog holding a dictionary nested `depth` deep, and one ordinary page."""
    deep = b"<< /A " * depth + b"1" + b" >>" * depth
    catalog = b"<< /Type /Catalog /Pages 2 0 R /Deep " + deep + b" >>"
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >>"
    return written_pdf([catalog, ONE_PAGE_TREE, page])


def nested_page_tree_pdf(depth: int) -> bytes:
    """One page at the bottom of a page tree `depth` levels deep."""
    objects = [CATALOG]
    for level in range(depth):
        number = 2 + level
        parent = b"/Parent %d 0 R " % (number - 1) if level else b""
        objects.append(b"<< /Type /Pages /Kids [%d 0 R] /Count 1 %s>>" % (number + 1, parent))
    objects.append(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 200 100] >>" % (depth + 1))
    return written_pdf(objects)


HTML_PAGE = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>\n"


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims these dimensions: a true header, then (almost) no pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        checksum = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", checksum)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0"))
        + chunk(b"IEND", b"")
    )
