"""Child process that turns the first page of a PDF into a PNG, inside hard limits.

Run only by klimakreise.editions.previews, never imported by the app: it reads the PDF on stdin
and one JSON line of limits as its argument, caps its own memory and CPU time before it loads
PDFium, and answers with the PNG on stdout (exit 0) or one reason word on stdout (exit 3).
Anything else (killed by a limit, a crash inside PDFium) is judged by the parent.

It imports nothing of Django or klimakreise, so it starts in a fraction of a second.
"""

import io
import json
import resource
import sys

REFUSED = 3  # exit status: no preview, for the reason whose word is on stdout


class Refused(Exception):
    pass


def _cap_resources(limits: dict) -> None:
    memory = limits["memory_bytes"]
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    seconds = limits["cpu_seconds"]
    # The soft limit sends SIGXCPU, the hard one a second later SIGKILL.
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _scale(width: float, height: float, limits: dict) -> float:
    """The scale that fits the page into the preview box, or Refused for absurd geometry."""
    shorter, longer = sorted((width, height))
    if shorter < limits["min_side_pt"] or longer > limits["max_side_pt"]:
        raise Refused("page-size")
    if longer / shorter > limits["max_aspect"]:
        raise Refused("page-size")
    scale = min(
        limits["max_scale"],
        limits["max_width_px"] / width,
        limits["max_height_px"] / height,
    )
    # PDFium's bitmap is the page size times the scale, rounded up: stay just below the box.
    return scale * (1 - 1e-9)


def render(data: bytes, limits: dict) -> bytes:
    # Loaded only here, after main() has capped memory and CPU time. Under that cap the loader
    # may fail to map a shared library: that is the memory limit speaking, not a broken install.
    try:
        import pypdfium2
    except (ImportError, MemoryError) as error:
        raise Refused("costly") from error

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        raise Refused("unreadable") from error
    pages = len(document)
    if pages == 0:
        raise Refused("unreadable")
    if pages > limits["max_pages"]:
        raise Refused("pages")
    try:
        page = document[0]
    except pypdfium2.PdfiumError as error:
        raise Refused("unreadable") from error
    width, height = page.get_size()
    scale = _scale(width, height, limits)
    image = page.render(scale=scale, may_draw_forms=False).to_pil()
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def main() -> int:
    limits = json.loads(sys.argv[1])
    _cap_resources(limits)
    try:
        png = render(sys.stdin.buffer.read(), limits)
    except Refused as refused:
        sys.stdout.write(str(refused))
        return REFUSED
    except MemoryError:
        sys.stdout.write("costly")
        return REFUSED
    sys.stdout.buffer.write(png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
