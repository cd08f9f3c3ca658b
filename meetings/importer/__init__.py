"""Read minutes (and whole agenda packs) as text and turn them into structured records.

`parser` is pure Python: it takes text and returns dataclasses, with the source line number of
every extracted thing. `readers` turns a file (.txt, .html, .docx, .pdf) into that text. The
`import_minutes` management command joins the two and, without `--dry-run`, writes a draft
meeting through the meetings services.
"""

from __future__ import annotations
